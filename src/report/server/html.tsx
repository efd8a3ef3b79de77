import React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { NarrativeOutcome } from '../narrative';
import type { ReportModel } from '../types';
import { MonthlyReport } from '../ui/MonthlyReport';

/** Only inline styles and data: images; no script, font, frame or remote fetch can happen in the printed page. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The document title, also the PDF's: "Service report — Acme Corp — October 2026". */
export function reportTitle(m: ReportModel): string {
  return `Service report — ${m.tenant.name} — ${m.current.label}`;
}

/**
 * The report as one self-contained HTML document: the same React component as the Service levels page, rendered
 * on the server with Grafana's light theme.
 */
export function reportHtml(model: ReportModel, narrative?: NarrativeOutcome, narrativeOnly = false): string {
  const body = renderToStaticMarkup(
    <MonthlyReport model={model} narrative={narrative} narrativeOnly={narrativeOnly} />
  );
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    `<title>${escapeHtml(reportTitle(model))}</title>`,
    '</head><body style="margin:0">',
    body,
    '</body></html>',
  ].join('');
}
