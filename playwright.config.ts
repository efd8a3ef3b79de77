import type { PluginOptions } from '@grafana/plugin-e2e';
import { defineConfig, devices } from '@playwright/test';
import { dirname, join } from 'node:path';

const pluginE2eAuth = `${dirname(require.resolve('@grafana/plugin-e2e'))}/auth`;

/**
 * End-to-end specs against the compose stack (`npm run server`), run with `npm run e2e`; not part of `npm test`.
 * GRAFANA_URL points elsewhere; PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH (e.g. /usr/bin/chromium) uses a system
 * browser where `npx playwright install` is not possible. See https://playwright.dev/docs/test-configuration.
 */
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH || undefined;

export default defineConfig<PluginOptions>({
  testDir: './tests/e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 2 : 0,
  reporter: 'html',
  use: {
    baseURL: process.env.GRAFANA_URL || 'http://localhost:3000',
    trace: 'on-first-retry',
    // plugin-e2e reads provisioned data sources from here; the stack keeps Grafana's under provisioning/grafana.
    provisioningRootDir: join(__dirname, 'provisioning', 'grafana'),
    launchOptions: executablePath ? { executablePath } : {},
  },
  projects: [
    // 1. Log in as the operator admin and store the cookie for the operator specs.
    {
      name: 'auth',
      testDir: pluginE2eAuth,
      testMatch: [/.*\.js/],
    },
    // 2. The operator org, authenticated as admin.
    {
      name: 'operator',
      testMatch: [/operator\.spec\.ts/],
      use: {
        ...devices['Desktop Chrome'],
        storageState: 'playwright/.auth/admin.json',
      },
      dependencies: ['auth'],
    },
    // 3. Tenant orgs: each spec logs in as that tenant's Viewer itself.
    {
      name: 'tenants',
      testMatch: [/tenant\.spec\.ts/],
      use: { ...devices['Desktop Chrome'] },
    },
    // 4. Grafana behaviours of docs/grafana-contract.md; creates (and removes) its own org and Viewer via the API.
    {
      name: 'contract',
      testMatch: [/contract\.spec\.ts/],
      use: { ...devices['Desktop Chrome'] },
    },
  ],
});
