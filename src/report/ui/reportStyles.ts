import type { ChartColors } from './charts';
import type { ReportTheme } from './reportTheme';

/** Class-name prefix of the document; nothing outside the report is styled. */
export const P = 'sgr-report';

/**
 * The document's stylesheet from the Grafana theme tokens: Grafana's typography, colours, borders and radii, laid out for
 * one A4 portrait page per sheet. A plain string, so the page and the server-side render use the very same CSS.
 */
export function reportCss(t: ReportTheme): string {
  return `
@page { size: A4 portrait; margin: 14mm 14mm 16mm 14mm; }
.${P} { font-family: ${t.fontFamily}; color: ${t.text}; background: #fff; font-size: 10pt; line-height: 1.45;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; box-sizing: border-box; }
.${P} *, .${P} *::before, .${P} *::after { box-sizing: border-box; }
.${P}.paper { width: 210mm; min-height: 297mm; padding: 14mm; margin: 0 auto; box-shadow: ${t.shadow}; }
@media print { .${P}.paper { width: auto; min-height: 0; padding: 0; box-shadow: none; } }
.${P} h1 { font-size: 20pt; font-weight: ${t.fontWeightMedium}; margin: 0; line-height: 1.2; }
.${P} h2 { font-size: 12pt; font-weight: ${t.fontWeightMedium}; margin: 0 0 6px; }
.${P} header { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 2px solid ${t.primary};
  padding-bottom: 8px; margin-bottom: 12px; }
.${P} .sub { color: ${t.textSecondary}; font-size: 9pt; }
.${P} section { margin: 0 0 14px; break-inside: avoid; page-break-inside: avoid; }
.${P} .headline { border: 1px solid ${t.borderMedium}; border-left: 4px solid var(--status); border-radius: ${t.radius};
  padding: 8px 12px; background: ${t.backgroundSecondary}; }
.${P} .headline p { margin: 2px 0; }
.${P} .status { font-weight: ${t.fontWeightMedium}; color: var(--status-text); margin-bottom: 2px; }
.${P} .tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; }
.${P} .tile { border: 1px solid ${t.borderWeak}; border-radius: ${t.radius}; padding: 6px 8px; }
.${P} .tile .label { color: ${t.textSecondary}; font-size: 8pt; }
.${P} .tile .value { font-size: 15pt; font-weight: ${t.fontWeightMedium}; }
.${P} .tile .value.bad { color: ${t.errorText}; }
.${P} .tile .value.good { color: ${t.successText}; }
.${P} .tile .note { color: ${t.textSecondary}; font-size: 8pt; }
.${P} table { width: 100%; border-collapse: collapse; font-size: 9pt; }
.${P} th { text-align: left; color: ${t.textSecondary}; font-weight: ${t.fontWeightMedium}; border-bottom: 1px solid ${t.borderMedium}; padding: 3px 6px; }
.${P} td { border-bottom: 1px solid ${t.borderWeak}; padding: 3px 6px; vertical-align: top; }
.${P} td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.${P} .narrative { font-size: 10.5pt; }
.${P} .note { color: ${t.textSecondary}; font-size: 9pt; }
.${P} .chart { border: 1px solid ${t.borderWeak}; border-radius: ${t.radius}; padding: 4px 6px 0; }
.${P} footer { color: ${t.textSecondary}; font-size: 8pt; border-top: 1px solid ${t.borderWeak}; padding-top: 6px; }
.${P} .pagebreak { break-before: page; page-break-before: always; }
`;
}

/** Chart colours from the theme (Grafana's named visualization colours for good and bad). */
export function chartColors(t: ReportTheme): ChartColors {
  return {
    good: t.green,
    bad: t.error,
    line: t.primary,
    axis: t.borderStrong,
    text: t.text,
    muted: t.textSecondary,
    grid: t.backgroundSecondary,
  };
}

/** The text colour of a headline status: Grafana's `text` variant, which is readable where `main` (a fill) is not. */
export function statusTextColor(t: ReportTheme, status: string): string {
  switch (status) {
    case 'meeting':
      return t.successText;
    case 'at-risk':
      return t.warningText;
    case 'breaching':
      return t.errorText;
    default:
      return t.infoText;
  }
}

/** The colour of a headline status (its bar). */
export function statusColor(t: ReportTheme, status: string): string {
  switch (status) {
    case 'meeting':
      return t.success;
    case 'at-risk':
      return t.warning;
    case 'breaching':
      return t.error;
    default:
      return t.info;
  }
}
