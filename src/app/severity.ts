/**
 * One meaning per colour across the app: a rule's finding severity and an alert's `severity` label map to the same
 * few levels, so red always means "act now", orange "soon", blue "for information", grey "unknown".
 */
export type SeverityLevel = 'critical' | 'error' | 'warning' | 'info' | 'none';

const LABEL_LEVELS: Record<string, SeverityLevel> = {
  // Alert severity labels as Prometheus and Alertmanager conventions spell them.
  page: 'critical',
  critical: 'critical',
  crit: 'critical',
  emergency: 'critical',
  fatal: 'critical',
  high: 'error',
  error: 'error',
  err: 'error',
  major: 'error',
  bug: 'error',
  warning: 'warning',
  warn: 'warning',
  medium: 'warning',
  minor: 'warning',
  info: 'info',
  informational: 'info',
  notice: 'info',
  low: 'info',
  none: 'none',
};

/** The level a severity name means (case and spaces ignored); names nobody agrees on are `none`. */
export function severityLevel(name: string): SeverityLevel {
  return LABEL_LEVELS[name.trim().toLowerCase()] ?? 'none';
}

/** Badge colours of @grafana/ui for each level. */
export const LEVEL_BADGE = {
  critical: 'red',
  error: 'red',
  warning: 'orange',
  info: 'blue',
  none: 'darkgrey',
} as const satisfies Record<SeverityLevel, string>;

/** Icons that repeat the colour's meaning for people who cannot tell the colours apart. */
export const LEVEL_ICON = {
  critical: 'exclamation-circle',
  error: 'exclamation-circle',
  warning: 'exclamation-triangle',
  info: 'info-circle',
  none: 'circle',
} as const satisfies Record<SeverityLevel, string>;
