import type { GrafanaTheme2 } from '@grafana/data';

/**
 * The few Grafana theme tokens the report uses. A report is printed on paper, so it always uses Grafana's light
 * theme; the values below are `createTheme({ colors: { mode: 'light' } })` of @grafana/data 13.2.2 (a test keeps them
 * equal), so the command line renders the same look without loading Grafana's browser code.
 */
export interface ReportTheme {
  fontFamily: string;
  fontWeightMedium: number;
  radius: string;
  shadow: string;
  text: string;
  textSecondary: string;
  borderWeak: string;
  borderMedium: string;
  borderStrong: string;
  backgroundSecondary: string;
  primary: string;
  success: string;
  successText: string;
  warning: string;
  warningText: string;
  error: string;
  errorText: string;
  info: string;
  infoText: string;
  /** Grafana's named visualization colour "green". */
  green: string;
}

export const LIGHT_REPORT_THEME: ReportTheme = {
  fontFamily: "'Inter', 'Helvetica', 'Arial', sans-serif",
  fontWeightMedium: 500,
  radius: '6px',
  shadow: '0px 4px 8px rgba(24, 26, 27, 0.2)',
  text: 'rgba(36, 41, 46, 1)',
  textSecondary: 'rgba(36, 41, 46, 0.75)',
  borderWeak: 'rgba(36, 41, 46, 0.12)',
  borderMedium: 'rgba(36, 41, 46, 0.3)',
  borderStrong: 'rgba(36, 41, 46, 0.4)',
  backgroundSecondary: '#f4f5f5',
  primary: '#3871dc',
  success: '#1b855e',
  successText: '#0a764e',
  warning: '#ff9900',
  warningText: '#B04E0C',
  error: '#e0226e',
  errorText: '#cf0e5B',
  info: '#3871dc',
  infoText: '#1f62e0',
  green: '#56A64B',
};

/** The report's tokens from any Grafana theme (the test compares this on the light theme with the constant above). */
export function reportThemeOf(t: GrafanaTheme2): ReportTheme {
  const c = t.colors;
  return {
    fontFamily: t.typography.fontFamily,
    fontWeightMedium: t.typography.fontWeightMedium,
    radius: t.shape.radius.default,
    shadow: t.shadows.z2,
    text: c.text.primary,
    textSecondary: c.text.secondary,
    borderWeak: c.border.weak,
    borderMedium: c.border.medium,
    borderStrong: c.border.strong,
    backgroundSecondary: c.background.secondary,
    primary: c.primary.main,
    success: c.success.main,
    successText: c.success.text,
    warning: c.warning.main,
    warningText: c.warning.text,
    error: c.error.main,
    errorText: c.error.text,
    info: c.info.main,
    infoText: c.info.text,
    green: t.visualization.getColorByName('green'),
  };
}
