import React from 'react';
import { Badge, Stack } from '@grafana/ui';
import { LEVEL_BADGE, LEVEL_ICON, severityLevel } from '../../app/severity';
import type { Finding, Severity } from '../types';

/** A finding's severity as a Grafana badge, in the app's one severity palette; "ok" when a rule has no finding. */
export function SeverityBadge({ severity }: { severity?: Severity }) {
  if (!severity) {
    return <Badge text="ok" color="green" icon="check" />;
  }
  const level = severityLevel(severity);
  return <Badge text={severity} color={LEVEL_BADGE[level]} icon={LEVEL_ICON[level]} />;
}

/** Compact chips, one per finding (worst first), coloured by severity; the summary shows on hover. */
export function FindingChips({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) {
    return <Badge text="no findings" color="green" icon="check" />;
  }
  return (
    <Stack gap={0.5} wrap="wrap">
      {findings.map((f) => (
        <Badge key={f.check} text={f.check} color={LEVEL_BADGE[severityLevel(f.severity)]} tooltip={`${f.severity}: ${f.summary}`} />
      ))}
    </Stack>
  );
}
