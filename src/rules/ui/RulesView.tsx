import React, { useCallback, useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, LoadingPlaceholder, Stack, Text, useStyles2 } from '@grafana/ui';
import { testIds } from '../../testIds';
import { isPhoneRouted } from '../checks/check';
import { findDuplicates, promqlAnalysis } from '../engine';
import { filterChoices } from '../filters';
import { byWorst, toCsv, toMarkdown } from '../report';
import { ReviewCache } from '../reviewCache';
import type { RuleReview } from '../types';
import { RuleDrawer } from './RuleDrawer';
import { RulesGrouped } from './RulesGrouped';
import type { RulesScene, RulesSceneState } from './RulesScene';
import { RulesSummary } from './RulesSummary';
import { RulesTable } from './RulesTable';
import { RulesToolbar } from './RulesToolbar';
import { applyView, groupRules, sortShown, worstShown, type SortKey } from './view';

interface Props {
  state: RulesSceneState;
  model: RulesScene;
}

function SourceProblems({ state }: { state: RulesSceneState }) {
  const failed = state.loads.filter((l) => !l.ok || l.message);
  return (
    <>
      {failed.map((l) => (
        <div key={l.source.id} data-testid={testIds.rules.sourceError}>
          <Alert severity={l.ok ? 'warning' : 'error'} title={l.ok ? `Rules from ${l.source.label} are incomplete` : `Could not load rules from ${l.source.label}`}>
            {l.message}
          </Alert>
        </div>
      ))}
      {state.general.map((f) => (
        <div key={`${f.check}:${f.summary}`} data-testid={testIds.rules.generalFinding}>
          <Alert severity={f.severity === 'info' ? 'info' : 'warning'} title={f.summary}>
            <Stack direction="column" gap={0.5}>
              {f.evidence.map((e) => (
                <span key={e}>{e}</span>
              ))}
              <span>
                <Text weight="bold">Fix: </Text>
                {f.fix}
              </span>
            </Stack>
          </Alert>
        </div>
      ))}
    </>
  );
}

/** The review page: summary that ranks the work, then the rules (grouped or as one list), then the open rule. */
export function RulesView({ state, model }: Props) {
  const s = useStyles2(getStyles);
  const { reviews, filters, search, noise, settings } = state;
  const sorted = useMemo(() => byWorst(reviews), [reviews]);
  const noiseMap = noise.kind === 'done' ? noise.facts.noise : undefined;
  const shown = useMemo(() => applyView(sorted, filters, search, noiseMap), [sorted, filters, search, noiseMap]);
  const choices = useMemo(() => filterChoices(reviews), [reviews]);
  const duplicates = useMemo(() => findDuplicates(reviews.map((r) => r.rule), (r) => promqlAnalysis(r)), [reviews]);
  const isPhone = useMemo(() => {
    const ctx = { review: settings.review, cache: new ReviewCache() };
    return (r: RuleReview) => isPhoneRouted(r.rule, ctx);
  }, [settings.review]);
  const onOpen = useCallback((key: string) => model.select(key), [model]);
  const onSort = useCallback((sort: SortKey, desc: boolean) => model.setSort(sort, desc), [model]);
  const flat = useMemo(
    () => ({ sort: state.sort, desc: state.desc, onSort, showSource: new Set(reviews.map((r) => r.rule.source.id)).size > 1 }),
    [state.sort, state.desc, onSort, reviews]
  );
  const listed = useMemo(() => (state.layout === 'flat' ? sortShown(shown, state.sort, state.desc) : shown), [shown, state.layout, state.sort, state.desc]);
  const tree = useMemo(() => (state.layout === 'grouped' ? groupRules(shown) : []), [shown, state.layout]);
  const open = state.selected ? reviews.find((r) => r.rule.key === state.selected) : undefined;

  if (state.loading) {
    return <LoadingPlaceholder text="Loading alert rules from every source…" />;
  }
  const onExport = (format: 'md' | 'csv') => {
    const stamp = new Date(model.now()).toISOString().slice(0, 10);
    const rows = shown.map((x) => x.review);
    if (format === 'md') {
      model.download(`rule-review-${stamp}.md`, toMarkdown(rows, `Alert rule review ${stamp}`, state.sentence, state.general), 'text/markdown');
    } else {
      model.download(`rule-review-${stamp}.csv`, toCsv(rows), 'text/csv');
    }
  };
  return (
    <div className={s.page} data-testid={testIds.rules.container}>
      <Stack direction="column" gap={2}>
        {reviews.length > 0 && (
          <RulesSummary
            sentence={state.sentence}
            reviews={reviews}
            shown={shown}
            noise={noise}
            isPhone={isPhone}
            onCheck={(check) => model.setFilters({ ...filters, check })}
            onSelect={onOpen}
          />
        )}
        {reviews.length === 0 && (
          <div data-testid={testIds.rules.summary}>{state.sentence}</div>
        )}
        <SourceProblems state={state} />
        {reviews.length === 0 ? (
          <Alert severity="info" title="No data">
            No alert rules were found in any source this organization can read. Create rules in Grafana alerting or load rule files into
            Prometheus, then reload.
            <div>
              <Button variant="secondary" icon="sync" onClick={() => model.load()}>
                Reload
              </Button>
            </div>
          </Alert>
        ) : (
          <>
            <RulesToolbar
              choices={choices}
              filters={filters}
              search={search}
              layout={state.layout}
              shown={shown.length}
              total={reviews.length}
              worst={worstShown(shown)}
              onFilters={(f) => model.setFilters(f)}
              onSearch={(q) => model.setSearch(q)}
              onLayout={(l) => model.setLayout(l)}
              onExport={onExport}
            />
            {state.layout === 'flat' ? (
              <RulesTable shown={listed} noise={noiseMap} onOpen={onOpen} flat={flat} />
            ) : (
              <RulesGrouped tree={tree} toggled={state.expanded} noise={noiseMap} onToggle={(id) => model.toggle(id)} onOpen={onOpen} />
            )}
          </>
        )}
      </Stack>
      {open && (
        <RuleDrawer
          review={open}
          related={duplicates.get(open.rule.key) ?? []}
          hostLabel={settings.labels.host}
          onClose={() => model.select(undefined)}
          onSelect={onOpen}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ padding: theme.spacing(1, 0) }),
});
