import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, Button, Stack, Text, useStyles2 } from '@grafana/ui';
import { LEVEL_BADGE, severityLevel } from '../../app/severity';
import { testIds } from '../../testIds';
import { SEVERITIES, type CheckId, type RuleReview, type Severity } from '../types';
import { checkTitle } from './checkTitles';
import { FindingsChart } from './FindingsChart';
import type { NoiseState } from './reviewLoader';
import { SeverityBadge } from './SeverityBadge';
import { findingsByCheck, loudestRules, rankWork, type ShownRule } from './view';

interface Props {
  sentence: string;
  reviews: RuleReview[];
  shown: ShownRule[];
  noise: NoiseState;
  isPhone: (r: RuleReview) => boolean;
  onCheck: (check: CheckId) => void;
  onSelect: (key: string) => void;
}

function SeverityCounts({ reviews }: { reviews: RuleReview[] }) {
  const counts: Partial<Record<Severity, number>> = {};
  for (const r of reviews) {
    for (const f of r.findings) {
      counts[f.severity] = (counts[f.severity] ?? 0) + 1;
    }
  }
  const withFindings = reviews.filter((r) => r.findings.length > 0).length;
  return (
    <Stack gap={1} alignItems="center" wrap="wrap">
      <Text color="secondary">{`${reviews.length} rules, ${withFindings} with findings:`}</Text>
      {[...SEVERITIES].reverse().map((s) =>
        counts[s] ? <Badge key={s} text={`${counts[s]} ${s}`} color={LEVEL_BADGE[severityLevel(s)]} /> : null
      )}
    </Stack>
  );
}

function noiseLine(noise: NoiseState): string | undefined {
  switch (noise.kind) {
    case 'pending':
      return 'Estimating how often each rule fired over the last 7 days…';
    case 'none':
      return 'No Prometheus data source evaluates these rules: firing history, SMS budget and missing metrics are not checked.';
    case 'error':
      return `Firing history could not be estimated: ${noise.message}`;
    default:
      return noise.facts.problems.length ? `Missing metrics not checked for some data sources: ${noise.facts.problems.join('; ')}` : undefined;
  }
}

/** The head of the page: what the review found, what to fix first, which rules page most, findings per check. */
export function RulesSummary(p: Props) {
  const s = useStyles2(getStyles);
  const work = rankWork(p.reviews).slice(0, 3);
  const loud = p.noise.kind === 'done' ? loudestRules(p.shown, p.isPhone) : [];
  const status = noiseLine(p.noise);
  return (
    <section className={s.panel} aria-label="Review summary">
      <div className={s.left}>
        <Stack direction="column" gap={1.5}>
          <div data-testid={testIds.rules.summary}>
            <Text element="h2" variant="h4">
              {p.sentence}
            </Text>
          </div>
          <SeverityCounts reviews={p.reviews} />
          {work.length > 0 && (
            <div data-testid={testIds.rules.work}>
              <Text element="h3" variant="h6">
                Fix first
              </Text>
              <ol className={s.list}>
                {work.map((w) => (
                  <li key={w.check}>
                    <Stack gap={1} alignItems="center" wrap="wrap">
                      <SeverityBadge severity={w.severity} />
                      <Text weight="medium">{checkTitle(w.check)}</Text>
                      <Text color="secondary">{`${w.rules} rule${w.rules === 1 ? '' : 's'}`}</Text>
                      <Button size="sm" variant="secondary" fill="text" onClick={() => p.onCheck(w.check)} aria-label={`Show the rules with ${w.check}`}>
                        Show
                      </Button>
                    </Stack>
                  </li>
                ))}
              </ol>
            </div>
          )}
          {loud.length > 0 && (
            <div data-testid={testIds.rules.loudest}>
              <Text element="h3" variant="h6">
                Would page most (last 7 days)
              </Text>
              <ol className={s.list}>
                {loud.map((r) => (
                  <li key={r.review.rule.key}>
                    <Button size="sm" variant="secondary" fill="text" onClick={() => p.onSelect(r.review.rule.key)}>
                      {r.review.rule.name}
                    </Button>
                    <Text color="secondary">{`${r.episodes} episode${r.episodes === 1 ? '' : 's'}`}</Text>
                  </li>
                ))}
              </ol>
            </div>
          )}
          {status && (
            <div data-testid={testIds.rules.noiseStatus}>
              <Text color="secondary" italic>
                {status}
              </Text>
            </div>
          )}
        </Stack>
      </div>
      <div className={s.right}>
        <Text element="h3" variant="h6">
          Findings by check
        </Text>
        <FindingsChart rows={findingsByCheck(p.shown)} onPick={p.onCheck} />
      </div>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    gap: theme.spacing(3),
    padding: theme.spacing(2),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    [theme.breakpoints.down('lg')]: { gridTemplateColumns: 'minmax(0, 1fr)' },
  }),
  left: css({ minWidth: 0 }),
  right: css({ minWidth: 0 }),
  list: css({ margin: theme.spacing(0.5, 0, 0, 2.5), li: { marginBottom: theme.spacing(0.5) } }),
});
