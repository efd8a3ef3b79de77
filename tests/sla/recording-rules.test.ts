/**
 * @jest-environment node
 */
// The SLA recording rules with real promtool: the common ratios (rules/sla-recording.yml) and each SLI recipe's
// rates (sli-recipes/*.yml), their unit tests (tests/sla-recording.test.yml, tests/sli-*.test.yml), a mutation that
// the tests must catch, and the shipped recipe files equal to what the generator writes.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RECORDED } from '../../src/sla/queries';
import { BURN_WINDOWS } from '../../src/sla/slo';
import { RECIPE_DIR, RECIPE_IDS, shippedRecipeYaml } from '../../scripts/sli-recipes';
import { run, tempDir } from '../helpers/processes';

const ROOT = join(__dirname, '..', '..', 'provisioning', 'prometheus');
const COMMON = join(ROOT, 'rules', 'sla-recording.yml');
const recipeFile = (id: string) => join(RECIPE_DIR, `${id}.yml`);

interface RuleFile {
  groups: Array<{ name: string; rules: Array<{ record?: string; expr: string }> }>;
}
const records = (file: string) => (parse(readFileSync(file, 'utf8')) as RuleFile).groups.flatMap((g) => g.rules);

describe('SLA recording rules (real promtool)', () => {
  it('pass promtool check rules: 8 common ratios, 3 rates per recipe', async () => {
    const r = await run('promtool', ['check', 'rules', COMMON, ...RECIPE_IDS.map(recipeFile)]);
    expect(r.stdout.match(/SUCCESS: 8 rules found/g)).toHaveLength(1);
    expect(r.stdout.match(/SUCCESS: 3 rules found/g)).toHaveLength(RECIPE_IDS.length);
    expect(r.code).toBe(0);
  });

  it.each(['sla-recording', ...RECIPE_IDS.map((id) => `sli-${id}`)])('%s passes its promtool unit tests', async (name) => {
    const r = await run('promtool', ['test', 'rules', `tests/${name}.test.yml`], { cwd: ROOT });
    expect(r.stdout + r.stderr).toContain('SUCCESS');
    expect(r.code).toBe(0);
  });

  it('the unit tests catch a recipe that loses the tenant (they are not hollow)', async () => {
    const tmp = tempDir('rules');
    try {
      for (const d of ['rules', 'sli-recipes', 'tests']) {
        mkdirSync(join(tmp.dir, d));
      }
      copyFileSync(COMMON, join(tmp.dir, 'rules', 'sla-recording.yml'));
      // Summing all routers into one series instead of one per tenant must fail the tests.
      writeFileSync(
        join(tmp.dir, 'sli-recipes', 'traefik.yml'),
        readFileSync(recipeFile('traefik'), 'utf8').replace(/sum by \(tenant\) \(label_replace\(rate\(traefik_router_requests_total\{router=~"[^"]+"\}\[5m\]\), "tenant", "\$1", "router", "[^"]+"\)\)\n/, 'sum(rate(traefik_router_requests_total[5m]))\n')
      );
      copyFileSync(join(ROOT, 'tests', 'sli-traefik.test.yml'), join(tmp.dir, 'tests', 'sli-traefik.test.yml'));
      const r = await run('promtool', ['test', 'rules', 'tests/sli-traefik.test.yml'], { cwd: tmp.dir });
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toContain('FAILED');
    } finally {
      tmp.remove();
    }
  });

  it('every recipe records the three rates the ratios and the page read, each by tenant only', () => {
    for (const id of RECIPE_IDS) {
      const rules = records(recipeFile(id));
      expect(rules.map((r) => r.record)).toEqual([RECORDED.requestsRate5m, RECORDED.errorsRate5m, RECORDED.latencyBucketRate5m]);
      for (const r of rules) {
        expect(r.expr).toMatch(/^sum by \(tenant(, le)?\)|^\(sum by \(tenant\)/);
      }
    }
    const common = records(COMMON).map((r) => r.record);
    expect(common.sort()).toEqual([...BURN_WINDOWS.map((w) => RECORDED.errorRatio(w)), RECORDED.errorRatio('30d')].sort());
  });

  it.each(RECIPE_IDS)('the shipped %s rules are what the generator writes (npx tsx scripts/sli-recipes.ts)', (id) => {
    expect(readFileSync(recipeFile(id), 'utf8')).toBe(shippedRecipeYaml(id));
  });
});
