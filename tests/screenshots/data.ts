import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** Every `.yml`/`.yaml` file under `dir`, sorted. */
function ruleFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      out.push(...ruleFiles(p));
    } else if (/\.ya?ml$/.test(name)) {
      out.push(p);
    }
  }
  return out;
}

const DURATION = /^(\d+)(ms|s|m|h|d|w|y)$/;
const UNIT: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
function seconds(v: unknown): number {
  const m = typeof v === 'string' ? DURATION.exec(v.trim()) : null;
  return m ? Number(m[1]) * UNIT[m[2]] : 0;
}

const strings = (v: unknown): Record<string, string> =>
  v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : {};

/**
 * A rule-file corpus as Prometheus' `GET /api/v1/rules` answers once those files are loaded (facts.md §2):
 * `data.groups[]` with `name`, `file` (the path Prometheus was configured with, here under /etc/prometheus/rules),
 * `interval` in seconds and `rules[]` with `type`, `name`, `query`, `duration`, `labels`, `annotations`, `health`,
 * `state`, `alerts`. Unlike Prometheus, `query` keeps the file's text (Prometheus prints its own parse of it), and
 * nothing has been evaluated yet (`health: unknown`, as Prometheus reports before the first evaluation).
 */
export function prometheusRulesAnswer(dir: string): { answer: unknown; rules: number } {
  const groups: unknown[] = [];
  let count = 0;
  for (const file of ruleFiles(dir)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const js = doc.toJS() as { groups?: Array<Record<string, unknown>> } | null;
      for (const g of js?.groups ?? []) {
        const rules = (Array.isArray(g.rules) ? g.rules : []).map((r: Record<string, unknown>) => {
          const alerting = typeof r.alert === 'string';
          count += alerting ? 1 : 0;
          return {
            type: alerting ? 'alerting' : 'recording',
            name: String(alerting ? r.alert : r.record),
            query: String(r.expr ?? ''),
            ...(alerting ? { duration: seconds(r.for), state: 'inactive', alerts: [] } : {}),
            labels: strings(r.labels),
            annotations: strings(r.annotations),
            health: 'unknown',
            lastError: '',
            evaluationTime: 0,
            lastEvaluation: '0001-01-01T00:00:00Z',
          };
        });
        groups.push({
          name: String(g.name ?? ''),
          file: `/etc/prometheus/rules/${relative(dir, file)}`,
          interval: seconds(g.interval) || 15,
          limit: 0,
          rules,
          evaluationTime: 0,
          lastEvaluation: '0001-01-01T00:00:00Z',
        });
      }
    }
  }
  return { answer: { status: 'success', data: { groups } }, rules: count };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SYSLOG = /^(\w{3})\s+(\d{1,2}) (\d\d):(\d\d):(\d\d) (\S+) ([^:[\s]+(?:\([^)]*\))?)(?:\[(\d+)\])?: ?(.*)$/;

/**
 * Classic syslog lines (RFC 3164: `Mmm dd hh:mm:ss host ident[pid]: message`) as `journalctl -o json` entries.
 * Syslog text carries neither the year nor the priority: `year` is given, and every line is taken at error
 * priority (3), as if journald had kept only errors (what the Loki path ships). The unit is the identifier's
 * service (`sshd(pam_unix)` → `sshd.service`); kernel lines have none. Lines that are not syslog are skipped.
 */
export function syslogAsJournal(text: string, year: number): { ndjson: string; lines: number } {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = SYSLOG.exec(line.trimEnd());
    if (!m) {
      continue;
    }
    const [, mon, day, hh, mm, ss, host, ident, pid, message] = m;
    const t = Date.UTC(year, MONTHS.indexOf(mon), Number(day), Number(hh), Number(mm), Number(ss));
    const base = ident.replace(/\(.*\)$/, '');
    const entry: Record<string, string> = {
      __REALTIME_TIMESTAMP: String(t * 1000),
      _HOSTNAME: host,
      SYSLOG_IDENTIFIER: ident,
      PRIORITY: '3',
      MESSAGE: message,
    };
    if (pid) {
      entry._PID = pid;
    }
    if (base !== 'kernel') {
      entry._SYSTEMD_UNIT = `${base}.service`;
    }
    out.push(JSON.stringify(entry));
  }
  return { ndjson: out.join('\n'), lines: out.length };
}
