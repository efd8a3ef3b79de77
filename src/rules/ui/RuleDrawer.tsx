import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Box, Button, Drawer, LinkButton, Stack, Text, useStyles2 } from '@grafana/ui';
import { testIds } from '../../testIds';
import { formatDuration } from '../duration';
import { ruleEditLink, ruleTriageLink } from '../links';
import { severityRank, type Finding, type ReviewRule, type RuleReview } from '../types';
import { checkTitle } from './checkTitles';
import { SeverityBadge } from './SeverityBadge';
import { ruleLocation } from './view';

export interface RelatedRule {
  rule: ReviewRule;
  relation: 'identical' | 'same-name';
}

interface Props {
  review: RuleReview;
  related: RelatedRule[];
  hostLabel: string;
  onClose: () => void;
  onSelect: (key: string) => void;
}

// Annotations a rule's author writes for people; shown first and as prose.
const PROSE = ['summary', 'description', 'message'];

// Code quotes and punctuation do not make a line say something new.
const norm = (t: string) =>
  t
    .toLowerCase()
    .replace(/[`'"]/g, '')
    .replace(/[\s.:;,]+/g, ' ')
    .trim();

/** Evidence lines that say something the summary does not (the summary is shown right above them). */
export function addedEvidence(f: Finding): string[] {
  const summary = norm(f.summary);
  return f.evidence.filter((e) => {
    const n = norm(e);
    return n !== '' && n !== summary && !summary.includes(n);
  });
}

function FindingView({ f }: { f: Finding }) {
  const s = useStyles2(getStyles);
  const evidence = addedEvidence(f);
  return (
    <section className={s.finding} aria-label={f.check}>
      <Stack gap={1} alignItems="center" wrap="wrap">
        <SeverityBadge severity={f.severity} />
        <Text weight="medium">{checkTitle(f.check)}</Text>
        <Text color="secondary" variant="bodySmall">
          {f.check}
        </Text>
      </Stack>
      <p className={s.summary}>{f.summary}</p>
      {evidence.length > 0 && (
        <ul className={s.evidence} aria-label="Evidence">
          {evidence.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
      <Box padding={1} backgroundColor="secondary" borderRadius="default" borderStyle="solid" borderColor="medium">
        <Text weight="bold">Fix: </Text>
        <Text>{f.fix}</Text>
      </Box>
    </section>
  );
}

function Annotations({ rule }: { rule: ReviewRule }) {
  const s = useStyles2(getStyles);
  const entries = Object.entries(rule.annotations).sort(([a], [b]) => {
    const pa = PROSE.indexOf(a);
    const pb = PROSE.indexOf(b);
    return (pa < 0 ? 99 : pa) - (pb < 0 ? 99 : pb) || a.localeCompare(b);
  });
  if (entries.length === 0) {
    return <Text color="secondary">This rule has no annotations.</Text>;
  }
  return (
    <dl className={s.annotations} aria-label="Annotations">
      {entries.map(([k, v]) => (
        <React.Fragment key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </React.Fragment>
      ))}
    </dl>
  );
}

function Related({ related, onSelect }: { related: RelatedRule[]; onSelect: (key: string) => void }) {
  if (related.length === 0) {
    return null;
  }
  return (
    <section aria-label="Related rules">
      <Text element="h4" variant="h6">
        Related rules
      </Text>
      <ul>
        {related.map((r) => (
          <li key={r.rule.key}>
            <Button size="sm" fill="text" variant="primary" onClick={() => onSelect(r.rule.key)}>
              {r.rule.name}
            </Button>
            <Text color="secondary" variant="bodySmall">
              {`${r.relation === 'same-name' ? 'same name and labels' : 'the same rule'} · ${ruleLocation({ rule: r.rule, findings: [] }).full}`}
            </Text>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every finding of one rule, worst first, with its evidence and fix; rule text is rendered as plain text only. */
export function RuleDrawer({ review, related, hostLabel, onClose, onSelect }: Props) {
  const s = useStyles2(getStyles);
  const { rule } = review;
  const findings = [...review.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const edit = ruleEditLink(rule);
  return (
    <Drawer title={rule.name} subtitle={ruleLocation(review).full} onClose={onClose} size="md">
      <div data-testid={testIds.rules.drawer}>
        <Stack direction="column" gap={2}>
          <Stack gap={1}>
            {edit && (
              <LinkButton
                href={edit.href}
                icon={rule.source.kind === 'grafana' ? 'pen' : 'search'}
                variant="secondary"
                size="sm"
              >
                {edit.label}
              </LinkButton>
            )}
            <LinkButton href={ruleTriageLink(rule, hostLabel)} icon="bolt" variant="secondary" size="sm">
              Triage
            </LinkButton>
          </Stack>
          <Annotations rule={rule} />
          <pre className={s.expr}>{rule.expr || '(no expression)'}</pre>
          <Text color="secondary">
            {`for: ${rule.forSeconds ? formatDuration(rule.forSeconds) : 'none'} · severity: ${rule.labels.severity ?? 'none'}${rule.isPaused ? ' · paused' : ''}`}
          </Text>
          <Text element="h4" variant="h5">
            {findings.length === 0
              ? 'No findings: this rule meets the creed.'
              : `Findings (${findings.length}), worst first`}
          </Text>
          {findings.map((f) => (
            <FindingView key={f.check} f={f} />
          ))}
          <Related related={related} onSelect={onSelect} />
        </Stack>
      </div>
    </Drawer>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  expr: css({ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }),
  finding: css({ borderTop: `1px solid ${theme.colors.border.weak}`, paddingTop: theme.spacing(1.5) }),
  summary: css({ margin: theme.spacing(1, 0) }),
  evidence: css({
    margin: theme.spacing(0, 0, 1, 2),
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  annotations: css({
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    gap: theme.spacing(0.5, 2),
    margin: 0,
    dt: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
    dd: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  }),
});
