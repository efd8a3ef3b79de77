import { parser } from '@prometheus-io/lezer-promql';
import fc from 'fast-check';
import { defaultSettings, type AppSettings } from '../settings';
import { allExpressions, buildSlaPageQueries, parseRefId } from './pageQueries';
import { VLLM_GENERATION_HANDLERS } from './recipes';
import {
  escapePromString,
  missingSeriesMessage,
  rawQueriesApply,
  recordedProbeQuery,
  recordedRulesApply,
  resolveTenant,
  SlaQueries,
  tenantMatcher,
  tenantPickerQuery,
  type SlaSource,
} from './queries';

interface Matcher {
  label: string;
  op: string;
  value: string;
}

/** Parses PromQL with Prometheus' own grammar and returns each vector selector's matchers; throws on syntax errors. */
function selectors(expr: string): Matcher[][] {
  const tree = parser.parse(expr);
  const out: Matcher[][] = [];
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) {
      throw new Error(`syntax error at ${cursor.from} in ${expr}`);
    }
    if (cursor.name === 'VectorSelector') {
      const node = cursor.node;
      const matchers: Matcher[] = [];
      const list = node.getChild('LabelMatchers');
      for (const m of list?.getChildren('UnquotedLabelMatcher') ?? []) {
        const text = (n: typeof m | null) => (n ? expr.slice(n.from, n.to) : '');
        matchers.push({
          label: text(m.getChild('LabelName')),
          op: text(m.getChild('MatchOp')),
          value: JSON.parse(text(m.getChild('StringLiteral'))),
        });
      }
      out.push(matchers);
    }
  } while (cursor.next());
  return out;
}

function tenantSettings(id: string, patch: Partial<AppSettings> = {}): AppSettings {
  return { ...defaultSettings(), mode: 'tenant', tenant: { id, name: 'Acme' }, ...patch };
}

const NOW = Date.parse('2026-11-23T17:00:00Z') / 1000;
const TENANT_IDS = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/);

describe('tenant resolution', () => {
  it('tenant mode ignores anything requested', () => {
    const s = tenantSettings('acme');
    expect(resolveTenant(s, { picked: 'globex' })).toEqual({ ok: true, scope: { label: 'tenant', id: 'acme' } });
  });
  it('tenant mode without a tenant id shows nothing', () => {
    const r = resolveTenant(tenantSettings(''), { picked: 'globex' });
    expect(r.ok).toBe(false);
  });
  it('operator mode uses a valid picked tenant and rejects anything else', () => {
    const s = defaultSettings();
    expect(resolveTenant(s, { picked: 'globex' })).toEqual({ ok: true, scope: { label: 'tenant', id: 'globex' } });
    expect(resolveTenant(s, {})).toMatchObject({ ok: false, reason: expect.stringMatching(/Pick a tenant/) });
    expect(resolveTenant(s, { picked: 'a"} or up{x="' })).toMatchObject({ ok: false });
    expect(resolveTenant(s, { picked: ['a'] })).toMatchObject({ ok: false });
  });
});

describe('query builders', () => {
  const s = tenantSettings('acme');
  const scope = { label: 'tenant', id: 'acme' };

  it('escapes values for PromQL string literals', () => {
    expect(escapePromString('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    const m = tenantMatcher({ label: 'tenant', id: 'x"} or up{y="' });
    expect(selectors(`up{${m}}`)).toEqual([[{ label: 'tenant', op: '=', value: 'x"} or up{y="' }]]);
  });

  it('raw queries use increase() so counter resets are handled, on vLLM’s generation handlers only', () => {
    const q = new SlaQueries(s, scope, 'raw');
    const http = `http_requests_total{tenant="acme", handler=~"${VLLM_GENERATION_HANDLERS}"`;
    expect(q.requests(86400)).toBe(`sum(increase(${http}}[86400s]))`);
    // A failure is a 5xx or a request vLLM finished with "error" (after a streamed 200 it is not a 5xx).
    expect(q.errors(60)).toBe(
      `(sum(increase(${http}, status=~"5.."}[60s])) or vector(0)) + (sum(increase(vllm:request_success_total{tenant="acme", finished_reason="error"}[60s])) or vector(0))`
    );
    expect(q.latencyQuantile(3600)).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(vllm:e2e_request_latency_seconds_bucket{tenant="acme"}[3600s])))'
    );
    expect(q.errorRatio('1h')).toBe(
      `(((sum(rate(${http}, status=~"5.."}[1h])) or vector(0)) + (sum(rate(vllm:request_success_total{tenant="acme", finished_reason="error"}[1h])) or vector(0))) / (sum(rate(${http}}[1h])) > 0))`
    );
  });

  it('recorded queries read the recording rules', () => {
    const q = new SlaQueries(s, scope, 'recorded');
    expect(q.errorRatio('3d')).toBe('sovgrid:sla_error:ratio_rate3d{tenant="acme"}');
    expect(q.budgetRemaining(30)).toBe('1 - sovgrid:sla_error:ratio_rate30d{tenant="acme"} / 0.001');
    // A 7-day window has no recorded 7-day ratio: the recorded rates summed over the window.
    expect(q.budgetRemaining(7)).toBe(
      '1 - (sum(sum_over_time(sovgrid:sla_errors:rate5m{tenant="acme"}[7d])) / (sum(sum_over_time(sovgrid:sla_requests:rate5m{tenant="acme"}[7d])) > 0)) / 0.001'
    );
    expect(q.requests(600)).toBe('sum(avg_over_time(sovgrid:sla_requests:rate5m{tenant="acme"}[600s])) * 600');
    expect(recordedProbeQuery(scope)).toBe('count(sovgrid:sla_requests:rate5m{tenant="acme"})');
  });

  it('recorded series apply whatever the recipe, as long as the org reads the `tenant` label they carry', () => {
    expect(recordedRulesApply(s)).toBe(true);
    expect(recordedRulesApply({ ...s, labels: { ...s.labels, tenant: 'customer' } })).toBe(false);
    // The rules are generated from the settings' metric names: custom names still record `tenant` series.
    expect(recordedRulesApply({ ...s, metrics: { ...s.metrics, slaHttpRequests: 'my_requests_total' } })).toBe(true);
  });

  it('raw queries exist only where the source series carry the tenant label themselves', () => {
    expect(rawQueriesApply(s)).toBe(true);
    for (const recipe of ['traefik', 'litellm'] as const) {
      const g = { ...s, sli: { ...s.sli, recipe } };
      expect(rawQueriesApply(g)).toBe(false);
      // The picker then lists the tenants of the recorded series.
      expect(tenantPickerQuery({ ...g, mode: 'operator' })).toBe('label_values(sovgrid:sla_requests:rate5m, tenant)');
    }
    expect(rawQueriesApply({ ...s, sli: { ...s.sli, recipe: 'route-label', routeLabel: 'tenant' } })).toBe(true);
    expect(rawQueriesApply({ ...s, sli: { ...s.sli, recipe: 'route-label' } })).toBe(false);
  });

  it('says what is missing when there is nothing to show, without operator internals for a customer', () => {
    const traefik = { ...s, sli: { ...s.sli, recipe: 'traefik' as const } };
    expect(missingSeriesMessage(traefik, scope)).toMatch(/^No service-level data has been recorded/);
    expect(missingSeriesMessage(traefik, scope)).not.toMatch(/router|recipe|Prometheus/);
    const operator = { ...traefik, mode: 'operator' as const };
    expect(missingSeriesMessage(operator, scope)).toMatch(/"traefik" recipe's rules.*router matches tenant-/);
  });

  it('uses configured metric names and label', () => {
    const custom = tenantSettings('acme', {
      labels: { ...s.labels, tenant: 'customer' },
      metrics: {
        ...s.metrics,
        slaHttpRequests: 'api_requests_total',
        slaLatencyHistogram: 'api_latency_seconds',
        slaSuccessCounter: 'api_finished_total',
      },
    });
    const exprs = allExpressions(buildSlaPageQueries(custom, { label: 'customer', id: 'acme' }, 'raw', NOW));
    expect(exprs.join('\n')).not.toMatch(/http_requests_total|vllm:/);
    expect(exprs.join('\n')).toContain('api_latency_seconds_bucket{customer="acme"}');
    expect(exprs.join('\n')).toContain('api_requests_total{customer="acme", handler=~');
  });

  it('tenant picker lists the tenant label values', () => {
    expect(tenantPickerQuery(s)).toBe('label_values(http_requests_total, tenant)');
  });

  it('refIds say what they answer', () => {
    const p = buildSlaPageQueries(s, scope, 'raw', NOW);
    expect(p.rolling.queries.map((x) => parseRefId(x.refId))).toEqual([
      { kind: 'period', period: 'rolling', fact: 'requests' },
      { kind: 'period', period: 'rolling', fact: 'errors' },
      { kind: 'period', period: 'rolling', fact: 'latency' },
      { kind: 'period', period: 'rolling', fact: 'buckets' },
    ]);
    expect(parseRefId('burn_6h')).toEqual({ kind: 'burn', window: '6h' });
    expect(parseRefId('other')).toBeUndefined();
    expect(p.month.period.rangeSeconds).toBe(22 * 86400 + 17 * 3600);
  });
});

describe('isolation (property)', () => {
  // Anything a viewer could put in the URL or a variable, including hostile PromQL fragments and other tenants.
  const requested = fc.record({
    picked: fc.oneof(fc.string(), TENANT_IDS, fc.constant('globex"} or up{x="'), fc.constant('.*'), fc.anything()),
    url: fc.dictionary(fc.string(), fc.string()),
  });

  it('every tenant-mode query carries the org tenant matcher exactly once per selector and no other tenant', () => {
    fc.assert(
      fc.property(
        TENANT_IDS,
        requested,
        fc.constantFrom<SlaSource>('recorded', 'raw'),
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }),
        (tenantId, req, source, windowDays, now) => {
          const settings = tenantSettings(tenantId, { sla: { ...defaultSettings().sla, windowDays } });
          const r = resolveTenant(settings, req);
          if (!r.ok) {
            throw new Error(r.reason);
          }
          const page = buildSlaPageQueries(settings, r.scope, source, now);
          for (const expr of allExpressions(page)) {
            expect(expr).not.toContain('$');
            const sels = selectors(expr);
            expect(sels.length).toBeGreaterThan(0);
            for (const matchers of sels) {
              const tenant = matchers.filter((m) => m.label === 'tenant');
              expect(tenant).toEqual([{ label: 'tenant', op: '=', value: tenantId }]);
            }
            // The only string literals are the tenant id and the recipe's own constants: no other tenant can appear.
            const literals = sels.flat().map((m) => m.value);
            const constants = [tenantId, '5..', 'error', VLLM_GENERATION_HANDLERS];
            expect(literals.every((v) => constants.includes(v))).toBe(true);
          }
        }
      ),
      { numRuns: 300 }
    );
  });
});
