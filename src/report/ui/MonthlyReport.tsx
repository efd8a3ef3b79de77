import React from 'react';
import { formatPercentile, formatSeconds } from '../../sla/format';
import { testIds } from '../../testIds';
import type { NarrativeOutcome } from '../narrative';
import {
  allowedFailuresText,
  availabilityChangeText,
  availabilityText,
  budgetLeftText,
  budgetUsedText,
  coverageText,
  dayRanges,
  incidentRow,
  latencyShareText,
  latencyTargetText,
  latencyText,
  localDateTime,
  objectiveText,
  previousMonthLabel,
  requestsChangeText,
  requestsText,
  tokensText,
} from '../present';
import type { ReportModel } from '../types';
import { AvailabilityChart, LatencyChart } from './charts';
import { chartColors, P, reportCss, statusColor, statusTextColor } from './reportStyles';
import { LIGHT_REPORT_THEME, type ReportTheme } from './reportTheme';

export interface MonthlyReportProps {
  model: ReportModel;
  /** Absent when no summary was asked for: then the report says nothing about one. */
  narrative?: NarrativeOutcome;
  /** Grafana's light theme unless given: a report is printed on paper. */
  theme?: ReportTheme;
  /** On screen: an A4 sheet with a shadow. In the PDF the page margins do that. */
  paper?: boolean;
  /** Only the summary page (`--narrate-only`). */
  narrativeOnly?: boolean;
}

const STATUS_TITLE: Record<string, string> = {
  meeting: 'Service levels met',
  'at-risk': 'Service levels met, with little margin',
  breaching: 'Service levels missed',
  'no-data': 'No requests this month',
};

/**
 * The monthly service report: one React component for the Service levels page and for the PDF the command line
 * prints with headless Chromium. Only the model's values; charts are inline SVG so they stay vector in the PDF;
 * no link, image or font is loaded from anywhere.
 */
export function MonthlyReport({
  model: m,
  narrative,
  theme = LIGHT_REPORT_THEME,
  paper,
  narrativeOnly,
}: MonthlyReportProps) {
  return (
    <div className={`${P}${paper ? ' paper' : ''}`} data-testid={testIds.report.document}>
      <style>{reportCss(theme)}</style>
      <Header m={m} />
      {narrativeOnly ? (
        <Narrative narrative={narrative} />
      ) : (
        <>
          <Headline m={m} theme={theme} />
          <Narrative narrative={narrative} />
          <KeyFigures m={m} />
          <Charts m={m} theme={theme} />
          <Comparison m={m} />
          <Incidents m={m} />
          <UsageAndData m={m} />
        </>
      )}
      <footer>
        Generated {localDateTime(m.generatedAt, m.timeZone)} ({m.timeZone}). Days run from midnight to midnight in{' '}
        {m.timeZone}. Figures come from the same service-level definitions as your Service levels page.
      </footer>
    </div>
  );
}

function Header({ m }: { m: ReportModel }) {
  return (
    <header>
      <div>
        <div className="sub">Monthly service report</div>
        <h1>{m.tenant.name}</h1>
      </div>
      <div style={{ textAlign: 'right' }}>
        <div style={{ fontSize: '14pt' }}>{m.current.label}</div>
        <div className="sub">
          Promised: {objectiveText(m)} availability; {latencyTargetText(m)}
        </div>
      </div>
    </header>
  );
}

function Headline({ m, theme }: { m: ReportModel; theme: ReportTheme }) {
  const h = m.current.headline;
  const style = {
    ['--status' as string]: statusColor(theme, h.status),
    ['--status-text' as string]: statusTextColor(theme, h.status),
  } as React.CSSProperties;
  return (
    <section className="headline" style={style} data-testid={testIds.report.headline}>
      <div className="status">{STATUS_TITLE[h.status]}</div>
      {h.sentences.map((s) => (
        <p key={s}>{s}</p>
      ))}
    </section>
  );
}

/** The narrator's paragraph as plain text (React escapes it: nothing in it can run or load), or why it is missing. */
function Narrative({ narrative }: { narrative?: NarrativeOutcome }) {
  if (!narrative) {
    return null;
  }
  if (narrative.status !== 'ok') {
    return (
      <p className="note" data-testid={testIds.report.narrativeNote}>
        Summary unavailable: {narrative.reason.replace(/\.+$/, '')}.
      </p>
    );
  }
  return (
    <section data-testid={testIds.report.narrative}>
      <h2>Summary</h2>
      <p className="narrative">{narrative.text}</p>
    </section>
  );
}

function Tile({ label, value, note, tone }: { label: string; value: string; note?: string; tone?: 'good' | 'bad' }) {
  return (
    <div className="tile">
      <div className="label">{label}</div>
      <div className={`value${tone ? ` ${tone}` : ''}`}>{value}</div>
      {note && <div className="note">{note}</div>}
    </div>
  );
}

function KeyFigures({ m }: { m: ReportModel }) {
  const c = m.current;
  const h = c.headline;
  const tone = (s: string) => (s === 'breaching' ? 'bad' : s === 'meeting' ? 'good' : undefined);
  return (
    <section>
      <h2>What was delivered</h2>
      <div className="tiles">
        <Tile
          label="Availability"
          value={availabilityText(c)}
          note={`objective ${objectiveText(m)}`}
          tone={tone(h.availabilityStatus)}
        />
        <Tile
          label="Error budget left"
          value={c.budget?.exhausted ? 'Exhausted' : budgetLeftText(c)}
          note={
            c.budget?.exhausted ? budgetLeftText(c).replace(/^Exhausted \((.*)\)$/, '$1') : `${budgetUsedText(c)} used`
          }
          tone={c.budget?.exhausted ? 'bad' : undefined}
        />
        <Tile label="Latency" value={latencyText(c)} note={latencyTargetText(m)} tone={tone(h.latencyStatus)} />
        <Tile label="Requests" value={requestsText(c.requests)} note={latencyShareText(m, c)} />
      </div>
      {allowedFailuresText(m, c) && <p className="note">{allowedFailuresText(m, c)} by the objective.</p>}
    </section>
  );
}

function Charts({ m, theme }: { m: ReportModel; theme: ReportTheme }) {
  const c = chartColors(theme);
  return (
    <>
      <section className="chart">
        <h2>Availability per day</h2>
        <AvailabilityChart days={m.days} objective={m.targets.objective} c={c} />
      </section>
      <section className="chart">
        <h2>
          Latency per day ({formatPercentile(m.targets.latencyPercentile)} percentile; target{' '}
          {formatSeconds(m.targets.latencyTargetSeconds)})
        </h2>
        <LatencyChart days={m.days} target={m.targets.latencyTargetSeconds} c={c} />
      </section>
    </>
  );
}

function Comparison({ m }: { m: ReportModel }) {
  const p = m.previous;
  return (
    <section>
      <h2>Compared with {previousMonthLabel(m)}</h2>
      {!p ? (
        <p className="note">{m.previousNote ?? `No data for ${previousMonthLabel(m)}.`}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th />
              <th className="num">{m.current.label}</th>
              <th className="num">{previousMonthLabel(m)}</th>
              <th className="num">Change</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Availability</td>
              <td className="num">{availabilityText(m.current)}</td>
              <td className="num">{availabilityText(p)}</td>
              <td className="num">{availabilityChangeText(m) ?? '—'}</td>
            </tr>
            <tr>
              <td>Latency</td>
              <td className="num">{latencyText(m.current)}</td>
              <td className="num">{latencyText(p)}</td>
              <td className="num">—</td>
            </tr>
            <tr>
              <td>Requests</td>
              <td className="num">{requestsText(m.current.requests)}</td>
              <td className="num">{requestsText(p.requests)}</td>
              <td className="num">{requestsChangeText(m) ?? '—'}</td>
            </tr>
          </tbody>
        </table>
      )}
      {[
        [m.current.label, coverageText(m.current)],
        [previousMonthLabel(m), coverageText(p)],
      ]
        .filter(([, c]) => p && c)
        .map(([label, c]) => (
          <p key={label} className="note">
            {label}: {c}; totals are not compared.
          </p>
        ))}
    </section>
  );
}

function Incidents({ m }: { m: ReportModel }) {
  return (
    <section data-testid={testIds.report.incidents}>
      <h2>Incidents</h2>
      {m.incidents === undefined && <p className="note">{m.incidentsNote}</p>}
      {m.incidents?.length === 0 && <p className="note">No customer-visible incidents were recorded this month.</p>}
      {m.incidents && m.incidents.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Start</th>
              <th>End</th>
              <th className="num">Duration</th>
              <th>What happened</th>
            </tr>
          </thead>
          <tbody>
            {m.incidents.map((i) => {
              const r = incidentRow(i, m.timeZone);
              return (
                <tr key={`${i.start}-${r.title}`}>
                  <td className="num">{r.start}</td>
                  <td className="num">{r.end}</td>
                  <td className="num">{r.duration}</td>
                  <td>{r.title}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function UsageAndData({ m }: { m: ReportModel }) {
  const gaps = dayRanges(m.days, 'no-data');
  const idle = dayRanges(m.days, 'no-requests');
  return (
    <section>
      <h2>Usage</h2>
      <table>
        <tbody>
          <tr>
            <td>Requests</td>
            <td className="num">{requestsText(m.usage.requests)}</td>
          </tr>
          <tr>
            <td>Prompt tokens</td>
            <td className="num">{tokensText(m.usage.promptTokens)}</td>
          </tr>
          <tr>
            <td>Generated tokens</td>
            <td className="num">{tokensText(m.usage.generationTokens)}</td>
          </tr>
        </tbody>
      </table>
      {gaps.length > 0 && (
        <p className="note">
          No data was recorded on {gaps.join(', ')}; those days are left out of the daily charts, not counted as
          available.
        </p>
      )}
      {idle.length > 0 && <p className="note">No requests on {idle.join(', ')}.</p>}
    </section>
  );
}
