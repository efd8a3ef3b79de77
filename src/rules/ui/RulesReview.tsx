import React, { useCallback, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, LoadingPlaceholder, Stack, Text, useStyles2 } from '@grafana/ui';
import type { AppSettings } from '../../settings/types';
import { testIds } from '../../testIds';
import { filterChoices, filterReviews, type ReviewFilters } from '../filters';
import { byWorst, toCsv, toMarkdown } from '../report';
import type { ReviewDeps } from './deps';
import { FiltersBar } from './FiltersBar';
import { RuleDrawer } from './RuleDrawer';
import { RulesTable } from './RulesTable';
import { useRuleReview, type NoiseState } from './useRuleReview';

interface Props {
  settings: AppSettings;
  deps: ReviewDeps;
}

function NoiseStatus({ noise }: { noise: NoiseState }) {
  const text =
    noise.kind === 'pending'
      ? 'Estimating how often each rule fired over the last 7 days…'
      : noise.kind === 'none'
        ? 'No Prometheus data source evaluates these rules: firing history, SMS budget and missing metrics are not checked.'
        : noise.kind === 'error'
          ? `Firing history could not be estimated: ${noise.message}`
          : noise.facts.problems.length
            ? `Missing metrics not checked for some data sources: ${noise.facts.problems.join('; ')}`
            : undefined;
  return text ? (
    <div data-testid={testIds.rules.noiseStatus}>
      <Text color="secondary" italic>
        {text}
      </Text>
    </div>
  ) : null;
}

/** The alert-rule review: summary first, then every rule with its worst finding, filters, details and exports. */
export function RulesReview({ settings, deps }: Props) {
  const styles = useStyles2(getStyles);
  const state = useRuleReview(settings, deps);
  const [filters, setFilters] = useState<ReviewFilters>({});
  const [open, setOpen] = useState<string | undefined>();
  const sorted = useMemo(() => byWorst(state.reviews), [state.reviews]);
  const shown = useMemo(() => filterReviews(sorted, filters), [sorted, filters]);
  const choices = useMemo(() => filterChoices(state.reviews), [state.reviews]);
  const openReview = open ? state.reviews.find((r) => r.rule.key === open) : undefined;
  const onOpen = useCallback((key: string) => setOpen(key), []);
  const stamp = new Date(deps.now()).toISOString().slice(0, 10);

  if (state.loading) {
    return <LoadingPlaceholder text="Loading alert rules from every source…" />;
  }
  const failed = state.loads.filter((l) => !l.ok || l.message);
  return (
    <div className={styles.page} data-testid={testIds.rules.container}>
      <Stack direction="column" gap={2}>
        <div data-testid={testIds.rules.summary} className={styles.summary}>
          {state.sentence}
        </div>
        <NoiseStatus noise={state.noise} />
        {state.general.map((f) => (
          <div key={`${f.check}:${f.summary}`} data-testid={testIds.rules.generalFinding}>
            <Alert severity={f.severity === 'info' ? 'info' : 'warning'} title={f.summary}>
              {f.evidence.join(' ')} {f.fix}
            </Alert>
          </div>
        ))}
        {failed.map((l) => (
          <div key={l.source.id} data-testid={testIds.rules.sourceError}>
            <Alert
              severity={l.ok ? 'warning' : 'error'}
              title={
                l.ok ? `Rules from ${l.source.label} are incomplete` : `Could not load rules from ${l.source.label}`
              }
            >
              {l.message}
            </Alert>
          </div>
        ))}
        {state.reviews.length === 0 ? (
          <Alert severity="info" title="No data">
            No alert rules were found in any source this organization can read. Create rules in Grafana alerting or load
            rule files into Prometheus, then reload.
          </Alert>
        ) : (
          <>
            <Stack justifyContent="space-between" wrap="wrap">
              <FiltersBar choices={choices} filters={filters} onChange={setFilters} />
              <Stack gap={1}>
                <Button
                  icon="download-alt"
                  variant="secondary"
                  data-testid={testIds.rules.exportMarkdown}
                  onClick={() =>
                    deps.download(
                      `rule-review-${stamp}.md`,
                      toMarkdown(shown, `Alert rule review ${stamp}`, state.sentence, state.general),
                      'text/markdown'
                    )
                  }
                >
                  Markdown
                </Button>
                <Button
                  icon="download-alt"
                  variant="secondary"
                  data-testid={testIds.rules.exportCsv}
                  onClick={() => deps.download(`rule-review-${stamp}.csv`, toCsv(shown), 'text/csv')}
                >
                  CSV
                </Button>
              </Stack>
            </Stack>
            <Text color="secondary">
              {shown.length} of {state.reviews.length} rules shown
            </Text>
            <RulesTable reviews={shown} onOpen={onOpen} />
          </>
        )}
      </Stack>
      {openReview && (
        <RuleDrawer review={openReview} hostLabel={settings.labels.host} onClose={() => setOpen(undefined)} />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ padding: theme.spacing(1, 0) }),
  summary: css({ fontSize: theme.typography.h4.fontSize, fontWeight: theme.typography.fontWeightMedium }),
});
