import { parser } from '@prometheus-io/lezer-promql';
import { defaultSettings } from '../settings/defaults';
import type { AppSettings, SliRecipeId } from '../settings/types';
import { RECIPE_DEFAULTS, recipeFor, recipeRules, recipeRulesYaml } from './recipes';

function syntaxErrors(expr: string): number {
  let n = 0;
  parser.parse(expr).iterate({ enter: (node) => void (node.type.isError && n++) });
  return n;
}

const withRecipe = (recipe: SliRecipeId, patch: Partial<AppSettings['sli']> = {}): AppSettings => {
  const s = defaultSettings();
  return { ...s, sli: { ...s.sli, recipe, ...patch } };
};

describe('SLI recipes', () => {
  it.each<SliRecipeId>(['tenant-label', 'traefik', 'litellm', 'route-label'])('%s: three rules that parse as PromQL', (id) => {
    const rules = recipeRules(recipeFor(withRecipe(id)));
    expect(rules).toHaveLength(3);
    for (const r of rules) {
      expect({ record: r.record, errors: syntaxErrors(r.expr) }).toEqual({ record: r.record, errors: 0 });
    }
  });

  it('tenant-label reads the org’s tenant label as is; gateways map their label to `tenant`', () => {
    const [requests] = recipeRules(recipeFor(withRecipe('tenant-label')));
    expect(requests.expr).not.toContain('label_replace');
    const [traefik] = recipeRules(recipeFor(withRecipe('traefik')));
    expect(traefik.expr).toContain(`label_replace(rate(traefik_router_requests_total{router=~"${RECIPE_DEFAULTS.traefik.pattern}"}[5m]), "tenant", "$1", "router", "${RECIPE_DEFAULTS.traefik.pattern}")`);
  });

  it('sums several failure counters where both exist and keeps a true 0 where none does', () => {
    const errors = recipeRules(recipeFor(withRecipe('tenant-label')))[1].expr.split('\n  or\n');
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(/^\(sum by \(tenant\) .* \+ sum by \(tenant\) .*finished_reason="error"/);
    expect(errors[3]).toMatch(/\* 0$/);
  });

  it('uses the settings’ label, pattern and metric names, quoted: a hostile pattern stays a string', () => {
    const s = withRecipe('route-label', { routeLabel: 'consumer', routePattern: 'a"} or vector(1) or x{y="(.+)', requestCounter: 'kong_http_requests_total' });
    const [requests] = recipeRules(recipeFor(s));
    expect(syntaxErrors(requests.expr)).toBe(0);
    expect(requests.expr).toContain('kong_http_requests_total{consumer=~"a\\"} or vector(1) or x{y=\\"(.+)"}');
    let selectors = 0;
    parser.parse(requests.expr).iterate({ enter: (n) => void (n.name === 'VectorSelector' && selectors++) });
    expect(selectors).toBe(1);
  });

  it('writes a rule file that names its sources', () => {
    const yaml = recipeRulesYaml(recipeFor(withRecipe('litellm')));
    expect(yaml).toMatch(/^# Sovgrid Ops per-customer SLI recipe "litellm"/);
    expect(yaml).toContain('litellm/integrations/prometheus.py PrometheusLogger');
    expect(yaml).toContain('  - name: sovgrid-sla-rates\n    interval: 1m\n');
  });
});
