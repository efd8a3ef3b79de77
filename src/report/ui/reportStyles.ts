import type { GrafanaTheme2 } from '@grafana/data';
import type { ChartColors } from './charts';

/** Class-name prefix of the document; nothing outside the report is styled. */
export const P = 'sgr-report';

/**
 * The document's stylesheet from a Grafana theme: Grafana's typography, colours, borders and radii, laid out for
 * one A4 portrait page per sheet. A plain string, so the page and the server-side render use the very same CSS.
 */
export function reportCss(t: GrafanaTheme2): string {
  const c = t.colors;
  return `
@page { size: A4 portrait; margin: 14mm 14mm 16mm 14mm; }
.${P} { font-family: ${t.typography.fontFamily}; color: ${c.text.primary}; background: #fff; font-size: 10pt; line-height: 1.45;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; box-sizing: border-box; }
.${P} *, .${P} *::before, .${P} *::after { box-sizing: border-box; }
.${P}.paper { width: 210mm; min-height: 297mm; padding: 14mm; margin: 0 auto; box-shadow: ${t.shadows.z2}; }
@media print { .${P}.paper { width: auto; min-height: 0; padding: 0; box-shadow: none; } }
.${P} h1 { font-size: 20pt; font-weight: ${t.typography.fontWeightMedium}; margin: 0; line-height: 1.2; }
.${P} h2 { font-size: 12pt; font-weight: ${t.typography.fontWeightMedium}; margin: 0 0 6px; }
.${P} header { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 2px solid ${c.primary.main};
  padding-bottom: 8px; margin-bottom: 12px; }
.${P} .sub { color: ${c.text.secondary}; font-size: 9pt; }
.${P} section { margin: 0 0 14px; break-inside: avoid; page-break-inside: avoid; }
.${P} .headline { border: 1px solid ${c.border.medium}; border-left: 4px solid var(--status); border-radius: ${t.shape.radius.default};
  padding: 8px 12px; background: ${c.background.secondary}; }
.${P} .headline p { margin: 2px 0; }
.${P} .status { font-weight: ${t.typography.fontWeightMedium}; color: var(--status); margin-bottom: 2px; }
.${P} .tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; }
.${P} .tile { border: 1px solid ${c.border.weak}; border-radius: ${t.shape.radius.default}; padding: 6px 8px; }
.${P} .tile .label { color: ${c.text.secondary}; font-size: 8pt; }
.${P} .tile .value { font-size: 15pt; font-weight: ${t.typography.fontWeightMedium}; }
.${P} .tile .value.bad { color: ${c.error.text}; }
.${P} .tile .value.good { color: ${c.success.text}; }
.${P} .tile .note { color: ${c.text.secondary}; font-size: 8pt; }
.${P} table { width: 100%; border-collapse: collapse; font-size: 9pt; }
.${P} th { text-align: left; color: ${c.text.secondary}; font-weight: ${t.typography.fontWeightMedium}; border-bottom: 1px solid ${c.border.medium}; padding: 3px 6px; }
.${P} td { border-bottom: 1px solid ${c.border.weak}; padding: 3px 6px; vertical-align: top; }
.${P} td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.${P} .narrative { font-size: 10.5pt; }
.${P} .note { color: ${c.text.secondary}; font-size: 9pt; }
.${P} .chart { border: 1px solid ${c.border.weak}; border-radius: ${t.shape.radius.default}; padding: 4px 6px 0; }
.${P} footer { color: ${c.text.secondary}; font-size: 8pt; border-top: 1px solid ${c.border.weak}; padding-top: 6px; }
.${P} .pagebreak { break-before: page; page-break-before: always; }
`;
}

/** Chart colours from the theme (Grafana's named visualization colours for good and bad). */
export function chartColors(t: GrafanaTheme2): ChartColors {
  return {
    good: t.visualization.getColorByName('green'),
    bad: t.colors.error.main,
    line: t.colors.primary.main,
    axis: t.colors.border.strong,
    text: t.colors.text.primary,
    muted: t.colors.text.secondary,
    grid: t.colors.background.secondary,
  };
}

/** The colour of a headline status. */
export function statusColor(t: GrafanaTheme2, status: string): string {
  switch (status) {
    case 'meeting':
      return t.colors.success.main;
    case 'at-risk':
      return t.colors.warning.main;
    case 'breaching':
      return t.colors.error.main;
    default:
      return t.colors.info.main;
  }
}
