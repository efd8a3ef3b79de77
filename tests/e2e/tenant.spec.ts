import { test, expect } from '@grafana/plugin-e2e';
import type { APIRequestContext } from '@playwright/test';
import { PLUGIN_ID, ROUTES, VLLM_PROXY_BASE } from '../../src/constants';
import { testIds } from '../../src/testIds';

// A customer's view: the Viewer the compose init service created for each tenant org (`npm run tenant -- add`).
// Logged in fresh, without the admin session of the other specs.
test.use({ storageState: { cookies: [], origins: [] } });

const password = process.env.TENANT_VIEWER_PASSWORD ?? 'viewer-dev';
const tenants = [
  { id: 'acme', name: 'Acme Corp', other: 'Globex' },
  { id: 'globex', name: 'Globex', other: 'Acme' },
];

/** Logs in through Grafana's login endpoint and switches to the org with the given name. */
async function loginInto(request: APIRequestContext, login: string, orgName: string): Promise<void> {
  const res = await request.post('/login', { data: { user: login, password } });
  expect(res.ok(), `login as ${login} failed (${res.status()}): was the tenant-init service run?`).toBe(true);
  const orgs: unknown = await (await request.get('/api/user/orgs')).json();
  expect(Array.isArray(orgs)).toBe(true);
  const list = orgs as Array<{ orgId: number; name: string; role: string }>;
  // A tenant Viewer belongs to its own org only, as a Viewer, never Admin.
  expect(list.map((o) => [o.name, o.role])).toEqual([[orgName, 'Viewer']]);
  expect((await request.post(`/api/user/using/${list[0].orgId}`)).ok()).toBe(true);
}

for (const t of tenants) {
  test.describe(`tenant org ${t.name}`, () => {
    test('the Viewer sees its own service levels in plain language', async ({ page }) => {
      await loginInto(page.request, `${t.id}-viewer`, t.name);
      await page.goto(`/a/${PLUGIN_ID}/${ROUTES.Sla}`);
      const headline = page.getByTestId(testIds.sla.headline);
      await expect(headline).toBeVisible({ timeout: 30_000 });
      await expect(headline).not.toBeEmpty();
      await expect(page.getByTestId(testIds.sla.container)).not.toContainText(t.other);
    });

    test('the Viewer is refused the vLLM route by Grafana (reqRole Editor)', async ({ page }) => {
      await loginInto(page.request, `${t.id}-viewer`, t.name);
      const res = await page.request.get(`${VLLM_PROXY_BASE}/v1/models`);
      expect(res.status()).toBe(403);
      expect(await res.json()).toMatchObject({ message: 'plugin proxy route access denied' });
    });

    test('the Viewer reaches no operator page, at its address or below', async ({ page }) => {
      await loginInto(page.request, `${t.id}-viewer`, t.name);
      for (const route of [ROUTES.Overview, ROUTES.Rules, ROUTES.Triage, `${ROUTES.Overview}/x`]) {
        await page.goto(`/a/${PLUGIN_ID}/${route}`);
        await expect(page.getByTestId(testIds.app.notAvailable)).toBeVisible({ timeout: 30_000 });
        await expect(page.getByTestId(testIds.overview.container)).toHaveCount(0);
        await expect(page.getByTestId(testIds.rules.container)).toHaveCount(0);
        await expect(page.getByTestId(testIds.triage.container)).toHaveCount(0);
      }
    });

    test('the org data source only ever answers with this tenant', async ({ page }) => {
      await loginInto(page.request, `${t.id}-viewer`, t.name);
      // prom-label-proxy injects tenant="<id>" into every query, even one asking for all tenants.
      const res = await page.request.get(`/api/datasources/proxy/uid/sovgrid-prom-${t.id}/api/v1/query`, {
        params: { query: 'count by (tenant) (vllm:request_success_total{tenant=~".+"})' },
      });
      expect(res.ok()).toBe(true);
      const body = (await res.json()) as { data: { result: Array<{ metric: { tenant?: string } }> } };
      expect(body.data.result.map((r) => r.metric.tenant)).toEqual([t.id]);
    });
  });
}
