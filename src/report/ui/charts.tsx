import React from 'react';
import { formatPercent, formatSeconds } from '../../sla/format';
import type { DayPoint } from '../types';

/** Colours a chart needs, taken from the Grafana theme by the document. */
export interface ChartColors {
  good: string;
  bad: string;
  line: string;
  axis: string;
  text: string;
  muted: string;
  grid: string;
}

const W = 720;
const H = 190;
const PAD = { left: 64, right: 12, top: 12, bottom: 30 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;

function xOf(i: number, n: number): number {
  return PAD.left + (PLOT_W / Math.max(1, n)) * i;
}

function DayAxis({ days, c }: { days: DayPoint[]; c: ChartColors }) {
  const step = PLOT_W / Math.max(1, days.length);
  return (
    <g>
      <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} stroke={c.axis} strokeWidth={1} />
      {days.map((d, i) =>
        i % 5 === 0 || i === days.length - 1 ? (
          <text
            key={d.date}
            x={xOf(i, days.length) + step / 2}
            y={H - PAD.bottom + 14}
            fontSize={10}
            fill={c.muted}
            textAnchor="middle"
          >
            {Number(d.date.slice(8))}
          </text>
        ) : null
      )}
    </g>
  );
}

/** Where days have no data at all: a light hatched band with no value, never a bar of 100 %. */
function NoDataMarks({ days, c }: { days: DayPoint[]; c: ChartColors }) {
  const step = PLOT_W / Math.max(1, days.length);
  return (
    <g>
      {days.map((d, i) =>
        d.state === 'ok' ? null : (
          <g key={d.date}>
            <rect x={xOf(i, days.length) + 1} y={PAD.top} width={step - 2} height={PLOT_H} fill={c.grid} />
            <text
              x={xOf(i, days.length) + step / 2}
              y={H - PAD.bottom - 4}
              fontSize={8}
              fill={c.muted}
              textAnchor="middle"
            >
              {d.state === 'no-data' ? '–' : '0'}
            </text>
          </g>
        )
      )}
    </g>
  );
}

/** Lower end of the availability axis: room below the objective and the worst day, on a readable step. */
export function availabilityFloor(days: DayPoint[], objective: number): number {
  const worst = Math.min(objective, ...days.flatMap((d) => (d.availability === undefined ? [] : [d.availability])));
  const span = Math.max(1 - worst, 1 - objective) * 1.25;
  const steps = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];
  const step = steps.find((s) => s >= span) ?? 1;
  return Math.max(0, 1 - step);
}

/** Daily availability as bars against the objective line; days below the objective in the theme's error colour. */
export function AvailabilityChart({ days, objective, c }: { days: DayPoint[]; objective: number; c: ChartColors }) {
  const floor = availabilityFloor(days, objective);
  const y = (v: number) => PAD.top + PLOT_H * (1 - (Math.max(v, floor) - floor) / (1 - floor));
  const step = PLOT_W / Math.max(1, days.length);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label="Availability per day">
      <NoDataMarks days={days} c={c} />
      {[floor, 1].map((v) => (
        <text key={v} x={PAD.left - 6} y={y(v) + 3} fontSize={10} fill={c.muted} textAnchor="end">
          {formatPercent(v, 3)}
        </text>
      ))}
      <text x={W - PAD.right} y={y(objective) + 12} fontSize={9} fill={c.line} textAnchor="end">
        objective {formatPercent(objective, 3)}
      </text>
      {days.map((d, i) =>
        d.availability === undefined ? null : (
          <rect
            key={d.date}
            x={xOf(i, days.length) + 1.5}
            y={y(d.availability)}
            width={Math.max(1, step - 3)}
            height={Math.max(1, H - PAD.bottom - y(d.availability))}
            fill={d.availability < objective ? c.bad : c.good}
          />
        )
      )}
      <line
        x1={PAD.left}
        x2={W - PAD.right}
        y1={y(objective)}
        y2={y(objective)}
        stroke={c.line}
        strokeDasharray="4 3"
        strokeWidth={1.2}
      />
      <DayAxis days={days} c={c} />
    </svg>
  );
}

/** The daily latency percentile as a line against the target; gaps where a day has no requests. */
export function LatencyChart({ days, target, c }: { days: DayPoint[]; target: number; c: ChartColors }) {
  const max = Math.max(
    target * 1.5,
    ...days.flatMap((d) => (d.latencySeconds === undefined ? [] : [d.latencySeconds * 1.1]))
  );
  const y = (v: number) => PAD.top + PLOT_H * (1 - v / max);
  const step = PLOT_W / Math.max(1, days.length);
  const cx = (i: number) => xOf(i, days.length) + step / 2;
  const segments: string[] = [];
  let current = '';
  days.forEach((d, i) => {
    if (d.latencySeconds === undefined) {
      segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${cx(i).toFixed(1)},${y(d.latencySeconds).toFixed(1)}`;
  });
  segments.push(current);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label="Latency per day">
      <NoDataMarks days={days} c={c} />
      {[0, max].map((v) => (
        <text key={v} x={PAD.left - 6} y={y(v) + 3} fontSize={10} fill={c.muted} textAnchor="end">
          {formatSeconds(v)}
        </text>
      ))}
      <line
        x1={PAD.left}
        x2={W - PAD.right}
        y1={y(target)}
        y2={y(target)}
        stroke={c.bad}
        strokeDasharray="4 3"
        strokeWidth={1.2}
      />
      <text x={W - PAD.right} y={y(target) - 4} fontSize={9} fill={c.bad} textAnchor="end">
        target {formatSeconds(target)}
      </text>
      {segments.filter(Boolean).map((d) => (
        <path key={d} d={d} fill="none" stroke={c.line} strokeWidth={1.8} />
      ))}
      {days.map((d, i) =>
        d.latencySeconds === undefined ? null : (
          <circle
            key={d.date}
            cx={cx(i)}
            cy={y(d.latencySeconds)}
            r={2.2}
            fill={d.latencySeconds > target ? c.bad : c.line}
          />
        )
      )}
      <DayAxis days={days} c={c} />
    </svg>
  );
}
