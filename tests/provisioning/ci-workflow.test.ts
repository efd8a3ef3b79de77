/** @jest-environment node */
// The GitHub workflow cannot run here; this keeps it doing what README and tests/e2e/README.md promise: build,
// validate with Grafana's plugin validator, start the compose stack and run every e2e spec, as create-plugin's does.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import playwrightConfig from '../../playwright.config';

type Step = { name?: string; run?: string; uses?: string };
const root = join(__dirname, '../..');
const workflow = parse(readFileSync(join(root, '.github/workflows/ci.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
const runs = (job: string) => workflow.jobs[job].steps.map((s) => s.run ?? s.uses ?? '').join('\n');

describe('.github/workflows/ci.yml', () => {
  it('builds, type-checks, lints and runs the tests with the reference data in ../shared', () => {
    const build = runs('build');
    for (const cmd of ['npm ci', 'npm run typecheck', 'npm run lint', 'npm run test:ci', 'npm run build']) {
      expect(build).toContain(cmd);
    }
    expect(build).toMatch(/plugin-validator\/main\/config\/plugin\.schema\.json/);
    expect(build).toContain('../shared/grafana/plugin.schema.json');
    expect(build.indexOf('../shared/grafana')).toBeLessThan(build.indexOf('npm run test:ci'));
  });

  it("validates the packaged plugin with Grafana's plugin validator", () => {
    expect(runs('build')).toMatch(/grafana\/plugin-validator-cli -analyzer=metadatavalid \/archive\.zip/);
  });

  it('starts the compose stack, waits for Grafana and the tenant orgs, and runs npm run e2e', () => {
    const e2e = runs('playwright-tests');
    const order = ['docker compose up -d', 'wait-for-grafana', 'docker compose wait tenant-init', 'npm run e2e'].map((s) => e2e.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('every e2e spec belongs to a Playwright project, so none is silently skipped', () => {
    const specs = readdirSync(join(root, 'tests/e2e')).filter((f) => f.endsWith('.spec.ts'));
    const patterns = (playwrightConfig.projects ?? []).flatMap((p) => (Array.isArray(p.testMatch) ? p.testMatch : [p.testMatch]));
    for (const spec of specs) {
      expect(patterns.some((re) => re instanceof RegExp && re.test(spec))).toBe(true);
    }
    expect(specs).toEqual(expect.arrayContaining(['operator.spec.ts', 'tenant.spec.ts', 'contract.spec.ts']));
  });
});
