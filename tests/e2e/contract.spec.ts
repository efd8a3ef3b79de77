import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { PLUGIN_ID, ROUTES, VLLM_PROXY_BASE } from '../../src/constants';
import { testIds } from '../../src/testIds';

// The Grafana behaviours of docs/grafana-contract.md that only a real Grafana can prove, against the compose stack
// (`npm run server`, then `npm run e2e`). Runs on GitHub's runners (.github/workflows/ci.yml), not in `npm test`.

const baseURL = process.env.GRAFANA_URL || 'http://localhost:3000';
const admin = { username: process.env.GRAFANA_ADMIN_USER ?? 'admin', password: process.env.GRAFANA_ADMIN_PASSWORD ?? 'admin' };
const stamp = Date.now().toString(36);

let api: APIRequestContext;
test.beforeAll(async () => {
  api = await playwrightRequest.newContext({ baseURL, httpCredentials: admin });
});
test.afterAll(async () => {
  await api.dispose();
});

test.describe('the vLLM proxy route in a real Grafana', () => {
  test('a vllm/... sub-path reaches the simulator with the key (it refuses requests without it)', async () => {
    const res = await api.get(`${VLLM_PROXY_BASE}/v1/models`);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { data: Array<{ id: string }> };
    expect(body.data.map((m) => m.id)).toContain('qwen3-32b');
  });

  test('a path outside the route is refused by Grafana itself', async () => {
    for (const path of [VLLM_PROXY_BASE, `/api/plugin-proxy/${PLUGIN_ID}/v1/models`]) {
      const res = await api.get(path);
      expect(res.status(), path).toBe(404);
      expect(await res.json()).toMatchObject({ message: 'plugin route match not found' });
    }
  });
});

test.describe('an org whose settings were never saved', () => {
  let orgId = 0;
  test.beforeAll(async () => {
    const created = await api.post('/api/orgs', { data: { name: `sovgrid-e2e-unset-${stamp}` } });
    expect(created.ok()).toBe(true);
    orgId = ((await created.json()) as { orgId: number }).orgId;
    // Enabled without jsonData, as the plugin page's Enable button leaves it.
    const enabled = await api.post(`/api/plugins/${PLUGIN_ID}/settings`, {
      headers: { 'X-Grafana-Org-Id': String(orgId) },
      data: { enabled: true, pinned: true },
    });
    expect(enabled.ok()).toBe(true);
  });
  test.afterAll(async () => {
    await api.post('/api/user/using/1');
    await api.delete(`/api/orgs/${orgId}`);
  });

  test('shows "Set up Sovgrid Ops" on every page, with the configuration link for the admin', async ({ browser }) => {
    const context = await browser.newContext({ baseURL, httpCredentials: admin });
    const page = await context.newPage();
    for (const route of [ROUTES.Overview, `${ROUTES.Overview}/anything`, ROUTES.Rules, ROUTES.Sla]) {
      await page.goto(`/a/${PLUGIN_ID}/${route}?orgId=${orgId}`);
      await expect(page.getByTestId(testIds.app.setUp)).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole('link', { name: /Open the configuration page/ })).toBeVisible();
      await expect(page.getByTestId(testIds.overview.container)).toHaveCount(0);
    }
    await context.close();
  });

  test('its proxy route has no vLLM URL: Grafana answers a bare 502 (the URL template renders "<no value>")', async () => {
    const res = await api.get(`${VLLM_PROXY_BASE}/v1/models`, { headers: { 'X-Grafana-Org-Id': String(orgId) } });
    expect(res.status()).toBe(502);
    expect(await res.text()).toBe('');
  });
});

test.describe('a Viewer of the operator org', () => {
  const login = `sovgrid-e2e-viewer-${stamp}`;
  const password = `pw-${stamp}-viewer`;
  let userId = 0;
  test.beforeAll(async () => {
    const created = await api.post('/api/admin/users', { data: { login, email: `${login}@example.invalid`, password, OrgId: 1 } });
    expect(created.ok()).toBe(true);
    userId = ((await created.json()) as { id: number }).id;
    const role = await api.patch(`/api/orgs/1/users/${userId}`, { data: { role: 'Viewer' } });
    expect(role.ok()).toBe(true);
  });
  test.afterAll(async () => {
    await api.delete(`/api/admin/users/${userId}`);
  });

  test('is refused the vLLM route by Grafana (reqRole Editor)', async () => {
    const viewer = await playwrightRequest.newContext({ baseURL, httpCredentials: { username: login, password } });
    const res = await viewer.get(`${VLLM_PROXY_BASE}/v1/models`);
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ message: 'plugin proxy route access denied' });
    await viewer.dispose();
  });

  test('reaches no operator page, not even below its exact path', async ({ browser }) => {
    const context = await browser.newContext({ baseURL, httpCredentials: { username: login, password } });
    const page = await context.newPage();
    for (const route of [`${ROUTES.Overview}/anything`, `${ROUTES.Rules}/x/y`, `${ROUTES.Triage}/z`]) {
      await page.goto(`/a/${PLUGIN_ID}/${route}`);
      await expect(page.getByTestId(testIds.app.roleRequired)).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId(testIds.overview.container)).toHaveCount(0);
      await expect(page.getByTestId(testIds.rules.container)).toHaveCount(0);
      await expect(page.getByTestId(testIds.triage.container)).toHaveCount(0);
    }
    await page.goto(`/a/${PLUGIN_ID}/${ROUTES.Sla}`);
    await expect(page.getByTestId(testIds.sla.container)).toBeVisible({ timeout: 30_000 });
    await context.close();
  });
});
