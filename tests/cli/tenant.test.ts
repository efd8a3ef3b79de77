/**
 * @jest-environment node
 */
import { createServer } from 'node:http';
import { parseSettings } from '../../src/settings';
import { runTenantCommand } from '../../src/tenants/cli';
import { ROOT, runCliText } from '../helpers/cli';
import { freePort, run } from '../helpers/processes';
import { startPrometheus } from '../helpers/prometheus';
import { startVictoriaMetrics } from '../helpers/victoriametrics';
import { FakeGrafana } from './fakeGrafana';
import {
  freshGrafana,
  orgOf,
  PW,
  refusedUnchanged,
  startTenantWorld,
  tenant,
  vmAvailable,
  type TenantWorld,
} from './tenantStack';

/** A refused command: exit 1, "Nothing was changed.", and truly no write reached Grafana. */
async function refused(g: FakeGrafana, argv: string[], env: Record<string, string | undefined> = {}) {
  const r = await refusedUnchanged(g, argv, env, 1);
  expect(r.err).toContain('Nothing was changed.');
  return r;
}

let world: TenantWorld | undefined;
beforeAll(async () => {
  if (await vmAvailable()) {
    world = await startTenantWorld();
  }
}, 120_000);
afterAll(() => world?.stop());

const maybe = (name: string, fn: () => Promise<void>, timeout?: number) =>
  it(name, async () => (world ? fn() : undefined), timeout);

describe('npm run tenant (Grafana stand-in; real VictoriaMetrics + vmauth as store and label-enforcing proxy)', () => {
  let g: FakeGrafana;
  beforeEach(async () => {
    g = world ? await freshGrafana(world) : new FakeGrafana();
    if (!world) {
      await g.start();
    }
  });
  afterEach(() => g.stop());

  maybe(
    'add: own org, one data source, settings, a Viewer of that org only; verified through the proxy, then enabled',
    async () => {
      const r = await tenant(g, ['add', 'acme', '--name', 'Acme Corp'], PW);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const orgId = orgOf(g, 'Acme Corp');
      expect(g.datasources.filter((d) => d.orgId === orgId)).toEqual([
        expect.objectContaining({
          uid: 'sovgrid-prom-acme',
          name: 'Prometheus (acme)',
          type: 'prometheus',
          url: 'http://prom-label-proxy-acme:8080',
          isDefault: true,
        }),
      ]);
      const saved = g.appSettings.get(orgId)!;
      expect(saved.enabled).toBe(true);
      const parsed = parseSettings(saved.jsonData);
      expect(parsed.problems).toEqual([]);
      expect(parsed.settings).toMatchObject({
        mode: 'tenant',
        tenant: { id: 'acme', name: 'Acme Corp' },
        datasources: { prometheusUid: 'sovgrid-prom-acme' },
      });
      const viewer = g.users.find((u) => u.login === 'acme-viewer')!;
      expect(g.members.filter((m) => m.userId === viewer.id)).toEqual([{ orgId, userId: viewer.id, role: 'Viewer' }]);
      // The app was enabled only after the verify query went through Grafana's proxy in the tenant org.
      const verifyAt = g.calls.findIndex((c) =>
        c.path.startsWith('/api/datasources/proxy/uid/sovgrid-prom-acme/api/v1/query?')
      );
      const enableAt = g.calls.findIndex(
        (c) => c.method === 'POST' && c.path.endsWith('/settings') && (c.body as { enabled?: boolean }).enabled === true
      );
      expect(verifyAt).toBeGreaterThan(-1);
      expect(g.calls[verifyAt].orgId).toBe(String(orgId));
      expect(enableAt).toBeGreaterThan(verifyAt);
      expect(r.out).toMatch(/verify: \d+ series in the last hour, all tenant="acme"/);
      expect(r.out).toContain('Tenant "acme" is ready');
      // The operator org was only read.
      expect(g.writes().filter((c) => c.orgId === '1' || /\/api\/orgs\/1(\/|$)/.test(c.path))).toEqual([]);
    }
  );

  maybe('add twice: the second run only reads and changes nothing', async () => {
    await tenant(g, ['add', 'acme', '--name', 'Acme Corp'], PW);
    const before = g.snapshot();
    g.calls = [];
    const r = await tenant(g, ['add', 'acme', '--name', 'Acme Corp'], PW);
    expect(r.code).toBe(0);
    expect(g.writes()).toEqual([]);
    expect(g.snapshot()).toBe(before);
    expect(r.out).toContain('TENANT_VIEWER_PASSWORD not applied: the user exists and keeps its password');
  });

  maybe('keeps settings the operator tuned for the tenant and repairs what must be forced', async () => {
    await tenant(g, ['add', 'acme', '--name', 'Acme Corp'], PW);
    const orgId = orgOf(g, 'Acme Corp');
    const s = g.appSettings.get(orgId)!;
    s.jsonData = {
      ...s.jsonData,
      datasources: { prometheusUid: 'prometheus' },
      sla: { ...(s.jsonData?.sla as object), availabilityObjective: 0.995 },
    };
    g.datasources.find((d) => d.orgId === orgId)!.url = 'http://prom-label-proxy-globex:8080';
    const r = await tenant(g, ['add', 'acme', '--name', 'Acme Corp']);
    expect(r.code).toBe(0);
    const parsed = parseSettings(g.appSettings.get(orgId)!.jsonData).settings;
    expect(parsed.datasources.prometheusUid).toBe('sovgrid-prom-acme');
    expect(parsed.sla.availabilityObjective).toBe(0.995);
    expect(g.datasources.find((d) => d.orgId === orgId)!.url).toBe('http://prom-label-proxy-acme:8080');
    expect(g.appSettings.get(orgId)!.enabled).toBe(true);
  });

  describe('H1: an org belongs to exactly one tenant', () => {
    maybe("another tenant's org name is refused, naming the org; nothing changes", async () => {
      await tenant(g, ['add', 'acme', '--name', 'Acme Corp'], PW);
      const acme = orgOf(g, 'Acme Corp');
      for (const name of ['Acme Corp', 'acme corp', '  ACME CORP ']) {
        const r = await refused(g, ['add', 'globex', '--name', name], PW);
        expect(r.err).toContain(
          `an organization named "Acme Corp" (id ${acme}) already exists and is tenant "acme"'s org`
        );
      }
      expect(g.users.some((u) => u.login === 'globex-viewer')).toBe(false);
    });

    maybe("the operator's org name is refused; org 1 untouched", async () => {
      for (const name of ['Main Org.', 'main org.']) {
        const r = await refused(g, ['add', 'evil', '--name', name], PW);
        expect(r.err).toContain(`an organization named "Main Org." (id 1) already exists and is the operator's org`);
      }
      expect(parseSettings(g.appSettings.get(1)!.jsonData).settings.mode).toBe('operator');
    });

    maybe('an org not made by this tool is never reused by name', async () => {
      g.addOrg('Initech');
      const r = await refused(g, ['add', 'initech', '--name', 'Initech'], PW);
      expect(r.err).toContain('already exists and is an org not set up by this tool');
    });

    maybe('an org the admin cannot read still counts as taken', async () => {
      g.orgs.push({ id: 77, name: 'Hidden Co' });
      const r = await refused(g, ['add', 'hidden', '--name', 'Hidden Co'], PW);
      expect(r.err).toContain('"Hidden Co" (id 77) already exists and is an org the admin cannot read');
    });

    maybe('a tenant org is re-checked under its own name only', async () => {
      await tenant(g, ['add', 'acme', '--name', 'Acme Corp'], PW);
      const r = await refused(g, ['add', 'acme', '--name', 'Acme Inc']);
      expect(r.err).toContain(
        `tenant "acme" already has organization "Acme Corp" (id ${orgOf(g, 'Acme Corp')}); run add with --name "Acme Corp"`
      );
    });

    maybe('org 1 carrying a tenant id from an earlier slip is refused by add and by remove', async () => {
      g.appSettings.set(1, {
        enabled: true,
        pinned: true,
        jsonData: { mode: 'tenant', tenant: { id: 'evil', name: 'Evil' } },
      });
      const a = await refused(g, ['add', 'evil', '--name', 'Evil Co'], PW);
      expect(a.err).toContain(
        `organization "Main Org." (id 1) is the operator's org but its app settings say tenant "evil"`
      );
      const r = await refused(g, ['remove', 'evil']);
      expect(r.err).toContain('This tool never changes the operator org');
      expect(g.orgs.map((o) => o.id)).toContain(1);
    });
  });

  describe('H2 and strict inputs: refused before Grafana is asked', () => {
    const bad: Array<[string, string[], string]> = [
      [
        'URL without {id} (the unfiltered Prometheus)',
        ['--prometheus-url-pattern', 'http://prometheus:9090'],
        'has no {id}',
      ],
      [
        'javascript: URL',
        ['--prometheus-url-pattern', 'javascript:alert({id})'],
        'must start with http:// or https://',
      ],
      ['file: URL', ['--prometheus-url-pattern', 'file:///etc/{id}'], 'must start with http:// or https://'],
      [
        'credentials in the URL',
        ['--prometheus-url-pattern', 'http://u:p@proxy-{id}:8080'],
        'must not carry credentials',
      ],
      ['newline in the name', ['--name', 'Acme\nCorp'], 'must not contain control characters'],
      ['terminal escape in the name', ['--name', 'Acme \u001b[31mCorp'], 'must not contain control characters'],
      ['bidi override in the name', ['--name', 'Acme \u202eproC'], 'must not contain control characters'],
      ['3,000-character name', ['--name', 'A'.repeat(3000)], 'Grafana keeps at most 190'],
      ['the name ".."', ['--name', '..'], 'needs at least one letter or digit'],
      [
        'viewer login with a space',
        ['--name', 'Acme', '--viewer-login', 'a b'],
        '--viewer-login must be a login or an email',
      ],
    ];
    for (const [what, extra, message] of bad) {
      it(what, async () => {
        const argv = ['add', 'acme', ...(extra.includes('--name') ? [] : ['--name', 'Acme']), ...extra];
        const r = await tenant(g, argv);
        expect(r.code).toBe(2);
        expect(r.err).toContain(message);
        expect(g.calls).toEqual([]);
      });
    }

    maybe("a pattern whose URL is the operator's unfiltered data source is refused", async () => {
      const r = await refused(
        g,
        ['add', 'prometheus', '--name', 'Prom Co', '--prometheus-url-pattern', 'http://{id}:9090/'],
        PW
      );
      expect(r.err).toContain(
        'the proxy URL http://prometheus:9090/ is also the URL of data source "Prometheus" in the operator\'s org "Main Org." (id 1), unfiltered'
      );
    });

    maybe("a pattern reaching another tenant's proxy is refused", async () => {
      await tenant(
        g,
        ['add', 'acme', '--name', 'Acme Corp', '--prometheus-url-pattern', 'http://PROM-LABEL-PROXY-{id}:8080'],
        PW
      );
      const r = await refused(
        g,
        [
          'add',
          'acme-2',
          '--name',
          'Acme Two',
          '--prometheus-url-pattern',
          'http://prom-label-proxy-acme:8080/{id}/..',
        ],
        PW
      );
      expect(r.err).toContain(`tenant "acme"'s org "Acme Corp"`);
    });
  });

  describe('viewer logins', () => {
    maybe('an operator-org Admin is refused (and its password never silently skipped)', async () => {
      g.addUser({ login: 'ops', email: 'ops@sovgrid.test', name: 'Ops', password: 'x', isGrafanaAdmin: false }, [
        [1, 'Admin'],
      ]);
      const r = await refused(g, ['add', 'acme', '--name', 'Acme Corp', '--viewer-login', 'ops'], PW);
      expect(r.err).toContain('user "ops" (ops) already exists and is a member of "Main Org." (id 1) as Admin');
    });

    maybe('a Viewer of another org, found by email, is refused', async () => {
      g.addUser({ login: 'shared', email: 'Shared@X.test', name: 'S', password: 'x', isGrafanaAdmin: false }, [
        [1, 'Viewer'],
      ]);
      const r = await refused(g, ['add', 'acme', '--name', 'Acme Corp', '--viewer-login', 'shared@x.test']);
      expect(r.err).toContain('is a member of "Main Org." (id 1) as Viewer');
    });

    maybe('a Grafana server admin is refused', async () => {
      const r = await refused(g, ['add', 'acme', '--name', 'Acme Corp', '--viewer-login', 'admin']);
      expect(r.err).toContain('"admin" is a Grafana server admin');
    });

    maybe('a user without any org is added as Viewer', async () => {
      g.addUser({
        login: 'boss@acme.test',
        email: 'boss@acme.test',
        name: 'Boss',
        password: 'x',
        isGrafanaAdmin: false,
      });
      const r = await tenant(g, ['add', 'acme', '--name', 'Acme Corp', '--viewer-login', 'boss@acme.test']);
      expect(r.code).toBe(0);
      const boss = g.users.find((u) => u.login === 'boss@acme.test')!;
      expect(g.members.filter((m) => m.userId === boss.id)).toEqual([
        { orgId: orgOf(g, 'Acme Corp'), userId: boss.id, role: 'Viewer' },
      ]);
    });

    maybe('auto_assign_org_role=Editor: a new viewer is brought down to Viewer', async () => {
      g.autoAssignOrgRole = 'Editor';
      const r = await tenant(g, ['add', 'acme', '--name', 'Acme Corp'], PW);
      expect(r.code).toBe(0);
      const v = g.users.find((u) => u.login === 'acme-viewer')!;
      expect(g.members.filter((m) => m.userId === v.id).map((m) => m.role)).toEqual(['Viewer']);
    });

    maybe(
      "auto_assign_org=false: Grafana's own org for the new user is reported and the user deleted again",
      async () => {
        g.autoAssignOrg = false;
        const r = await tenant(g, ['add', 'acme', '--name', 'Acme Corp'], PW);
        expect(r.code).toBe(1);
        expect(r.err).toContain('Grafana put the new user acme-viewer into "acme-viewer"');
        expect(r.err).toContain('is [users] auto_assign_org = false?');
        expect(g.users.some((u) => u.login === 'acme-viewer')).toBe(false);
        expect(g.appSettings.get(orgOf(g, 'Acme Corp'))!.enabled).toBe(false);
      }
    );

    maybe('without TENANT_VIEWER_PASSWORD a new viewer is invited by email, once', async () => {
      const r = await tenant(g, ['add', 'acme', '--name', 'Acme Corp', '--viewer-login', 'ops@acme.test']);
      expect(r.code).toBe(0);
      expect(g.invites).toEqual([
        { orgId: orgOf(g, 'Acme Corp'), email: 'ops@acme.test', name: 'Acme Corp viewer', role: 'Viewer' },
      ]);
      g.calls = [];
      await tenant(g, ['add', 'acme', '--name', 'Acme Corp', '--viewer-login', 'ops@acme.test']);
      expect(g.writes()).toEqual([]);
    });

    maybe('a login that is not an email cannot be invited: refused before any change', async () => {
      const r = await refused(g, ['add', 'acme', '--name', 'Acme Corp']);
      expect(r.err).toContain('user "acme-viewer" does not exist: set TENANT_VIEWER_PASSWORD to create it');
    });
  });

  describe('verify before "ready"', () => {
    maybe(
      'a data source that returns every tenant (the unfiltered store) disables the app, prints what it saw, exits 1',
      async () => {
        g.network.set('unfiltered-acme:9090', { url: world!.vm.url });
        const r = await tenant(
          g,
          ['add', 'acme', '--name', 'Acme Corp', '--prometheus-url-pattern', 'http://unfiltered-{id}:9090'],
          PW
        );
        expect(r.code).toBe(1);
        expect(r.err).toContain(
          'failed at "verify": the data source returned series of other tenants or without a tenant label; the app is disabled in this org'
        );
        expect(r.err).toMatch(/\d+ series with tenant="globex"/);
        expect(r.err).toMatch(/\d+ series without a tenant label/);
        expect(r.err).toContain('label values API lists tenant="globex"');
        expect(r.out).not.toContain('is ready');
        const orgId = orgOf(g, 'Acme Corp');
        expect(g.appSettings.get(orgId)!.enabled).toBe(false);
        // Never enabled at any point.
        expect(
          g.calls.some(
            (c) =>
              c.method === 'POST' && c.path.endsWith('/settings') && (c.body as { enabled?: boolean }).enabled === true
          )
        ).toBe(false);
      }
    );

    maybe('a tenant that was verified once is disabled again when its data source starts leaking', async () => {
      await tenant(g, ['add', 'acme', '--name', 'Acme Corp'], PW);
      const orgId = orgOf(g, 'Acme Corp');
      expect(g.appSettings.get(orgId)!.enabled).toBe(true);
      g.network.set('prom-label-proxy-acme:8080', { url: world!.vm.url });
      const r = await tenant(g, ['add', 'acme', '--name', 'Acme Corp']);
      expect(r.code).toBe(1);
      expect(g.appSettings.get(orgId)!.enabled).toBe(false);
    });

    maybe('a data source with no series proves nothing: not ready, app stays off', async () => {
      const r = await tenant(
        g,
        [
          'add',
          'acme',
          '--name',
          'Acme Corp',
          '--prometheus-url-pattern',
          'http://prom-label-proxy-{id}:8080/nothing-here',
        ],
        PW
      );
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/could not be queried|no series in the last hour/);
      expect(g.appSettings.get(orgOf(g, 'Acme Corp'))!.enabled).toBe(false);
    });

    maybe(
      '--wait-for-data: a store with no series yet is asked again until the first arrive (a fresh stack)',
      async () => {
        const fresh = await startVictoriaMetrics();
        try {
          g.network.set('prom-label-proxy-acme:8080', { url: fresh.url });
          const args = ['add', 'acme', '--name', 'Acme Corp', '--wait-for-data'];
          // Control: nothing arrives within the wait, so the verdict is still "no series" and the app stays off.
          const none = await tenant(g, [...args, '1'], PW);
          expect(none.code).toBe(1);
          expect(none.err).toMatch(/no series in the last hour.*--wait-for-data/);
          expect(g.appSettings.get(orgOf(g, 'Acme Corp'))!.enabled).toBe(false);
          // The tenant's first series arrive while the command waits: it asks again and enables the app.
          const ts = Date.now() - 120_000;
          const arrive = new Promise((r) => setTimeout(r, 2_000)).then(() =>
            fresh.importLines([`gateway_requests_total{tenant="acme",status="2xx"} 1 ${ts}`])
          );
          const r = await tenant(g, [...args, '120'], PW);
          await arrive;
          expect(r.err).toBe('');
          expect(r.code).toBe(0);
          expect(r.out).toMatch(/verify: 1 series in the last hour, all tenant="acme"/);
          expect(g.appSettings.get(orgOf(g, 'Acme Corp'))!.enabled).toBe(true);
        } finally {
          await fresh.stop();
        }
      },
      90_000
    );

    it('--wait-for-data takes whole seconds up to an hour', async () => {
      for (const bad of ['-1', '1.5', '3601', 'soon']) {
        const r = await tenant(g, ['add', 'acme', '--name', 'Acme Corp', `--wait-for-data=${bad}`], PW);
        expect(r.code).toBe(2);
        expect(r.err).toContain('--wait-for-data takes whole seconds from 0 to 3600');
      }
    });

    maybe('an unreachable proxy: not ready, app stays off, says so', async () => {
      const r = await tenant(
        g,
        ['add', 'acme', '--name', 'Acme Corp', '--prometheus-url-pattern', 'http://nowhere-{id}:1'],
        PW
      );
      expect(r.code).toBe(1);
      expect(r.err).toContain('the data source could not be queried (the query failed: HTTP 502');
      expect(g.appSettings.get(orgOf(g, 'Acme Corp'))!.enabled).toBe(false);
    });
  });

  describe('remove', () => {
    maybe("removes only the tenant's org and its viewer; never another's, never org 1", async () => {
      await tenant(g, ['add', 'acme', '--name', 'Acme Corp'], PW);
      await tenant(g, ['add', 'globex', '--name', 'Globex'], PW);
      const acme = orgOf(g, 'Acme Corp');
      g.calls = [];
      const r = await tenant(g, ['remove', 'globex']);
      expect(r.code).toBe(0);
      expect(g.orgs.map((o) => o.name)).toEqual(['Main Org.', 'Acme Corp']);
      expect(g.datasources.map((d) => d.uid).sort()).toEqual(['prometheus', 'sovgrid-prom-acme']);
      expect(g.users.map((u) => u.login).sort()).toEqual(['acme-viewer', 'admin']);
      expect(g.appSettings.get(acme)!.enabled).toBe(true);
      const again = await tenant(g, ['remove', 'globex']);
      expect(again.code).toBe(0);
      expect(again.out).toContain('no organization runs the app for tenant "globex"; nothing to remove');
    });

    maybe('an org carrying the tenant id without the data source add creates is not deleted', async () => {
      const id = g.addOrg('Acme Corp');
      g.appSettings.set(id, {
        enabled: true,
        pinned: true,
        jsonData: { mode: 'tenant', tenant: { id: 'acme', name: 'Acme Corp' } },
      });
      const r = await refused(g, ['remove', 'acme']);
      expect(r.err).toContain('not the data source sovgrid-prom-acme that add creates');
    });

    maybe('keeps a viewer that also belongs elsewhere', async () => {
      await tenant(g, ['add', 'acme', '--name', 'Acme Corp'], PW);
      const v = g.users.find((u) => u.login === 'acme-viewer')!;
      g.members.push({ orgId: 1, userId: v.id, role: 'Viewer' });
      const r = await tenant(g, ['remove', 'acme']);
      expect(r.code).toBe(0);
      expect(r.out).toContain('acme-viewer kept: it is not a plain Viewer of this org alone');
      expect(g.users.some((u) => u.id === v.id)).toBe(true);
    });
  });

  maybe('list shows every org and what the app runs there', async () => {
    await tenant(g, ['add', 'acme', '--name', 'Acme Corp'], PW);
    g.orgs.push({ id: 7, name: 'Someone else' });
    const l = await tenant(g, ['list']);
    expect(l.out.split('\n')).toEqual([
      `Organizations on ${g.url}:`,
      '     1  Main Org.  —  operator org',
      `   ${orgOf(g, 'Acme Corp')}  Acme Corp  —  tenant "acme" (data source sovgrid-prom-acme)`,
      '     7  Someone else  —  not readable (the admin is not a member of this org)',
    ]);
  });

  maybe('partial failure: says what was done and not done; re-running completes without redoing', async () => {
    g.faults.push({
      method: 'POST',
      path: /^\/api\/datasources$/,
      status: 500,
      body: { message: 'Failed to add datasource' },
      times: 1,
    });
    const r = await tenant(g, ['add', 'acme', '--name', 'Acme Corp'], PW);
    expect(r.code).toBe(1);
    expect(r.err).toContain('failed at "data source": POST /api/datasources failed (500: Failed to add datasource)');
    expect(r.err).toMatch(/created {3}organization: "Acme Corp" \(id \d+\), marked as tenant "acme"'s/);
    expect(r.err).toContain('Not done: data source, app settings, viewer, verify.');
    g.calls = [];
    const again = await tenant(g, ['add', 'acme', '--name', 'Acme Corp'], PW);
    expect(again.code).toBe(0);
    expect(g.writes().map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /api/datasources',
      'POST /api/admin/users',
      'POST /api/plugins/sovgrid-ops-app/settings',
    ]);
  });

  maybe("a new org that cannot be marked as the tenant's is deleted again: nothing left behind", async () => {
    g.faults.push({
      method: 'POST',
      path: /^\/api\/plugins\/sovgrid-ops-app\/settings$/,
      status: 500,
      body: { message: 'Failed to update plugin setting' },
      times: 1,
    });
    const before = g.snapshot();
    const r = await tenant(g, ['add', 'acme', '--name', 'Acme Corp'], PW);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Failed to update plugin setting); the new org was deleted again');
    expect(g.snapshot()).toBe(before);
  });

  it('plugin not installed: refused before any change', async () => {
    g.pluginInstalled = false;
    const r = await tenant(g, ['add', 'acme', '--name', 'Acme Corp'], PW);
    expect(r.code).toBe(1);
    expect(r.err).toContain('the sovgrid-ops-app plugin is not installed on this Grafana server');
    expect(g.writes()).toEqual([]);
  });

  it('unreachable Grafana: clear message, nothing changed', async () => {
    const port = await freePort();
    const r = await tenant(g, ['add', 'acme', '--name', 'Acme'], { GRAFANA_URL: `http://127.0.0.1:${port}` });
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `Grafana at http://127.0.0.1:${port} could not be reached (ECONNREFUSED). Is it running? Set --grafana or GRAFANA_URL.`
    );
    expect(r.err).toContain('Nothing was changed.');
  });

  it('bad credentials: 401 explained', async () => {
    const r = await tenant(g, ['list'], { GRAFANA_PASSWORD: 'wrong' });
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'tenant list: Grafana rejected the credentials (401: Invalid username or password). Check GRAFANA_USER and GRAFANA_PASSWORD (or GRAFANA_TOKEN).\nNothing was changed.'
    );
  });

  it('usage errors exit 2 with the usage text; --help exits 0 on stdout', async () => {
    for (const argv of [
      [],
      ['add', 'Bad Id', '--name', 'x'],
      ['add', 'acme'],
      ['frobnicate'],
      ['add', 'acme', '--name'],
    ]) {
      const r = await tenant(g, argv);
      expect(r.code).toBe(2);
      expect(r.err).toContain('usage: npm run tenant');
    }
    for (const argv of [['--help'], ['add', '--help'], ['remove', 'acme', '-h'], ['list', '--help']]) {
      const r = await tenant(g, argv);
      expect(r.code).toBe(0);
      expect(r.out).toContain('usage: npm run tenant');
      expect(r.err).toBe('');
    }
    expect(g.calls).toEqual([]);
    const noCreds = await runTenantCommand(
      ['list'],
      { GRAFANA_URL: g.url },
      { out: () => undefined, err: () => undefined }
    );
    expect(noCreds).toBe(2);
  });

  it('the npm script entry point (compiled): --help exits 0, a closed pipe ends quietly, usage errors exit 2', async () => {
    const help = await runCliText('tenant', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npm run tenant -- add <id>');
    // `true` exits without reading: by the time the CLI writes, the pipe is closed (EPIPE).
    const closed = await run('sh', ['-c', 'node scripts/cli.mjs tenant --help | true'], {
      cwd: ROOT,
      timeoutMs: 60_000,
    });
    expect(closed.stderr).toBe('');
    const head = await run('sh', ['-c', 'node scripts/cli.mjs tenant --help | head -1'], {
      cwd: ROOT,
      timeoutMs: 60_000,
    });
    expect(head.stdout).toBe('usage: npm run tenant -- add <id> --name "<display name>" [options]\n');
    expect(head.stderr).toBe('');
    const noCreds = await runCliText('tenant', ['list'], {
      env: { GRAFANA_USER: '', GRAFANA_PASSWORD: '', GRAFANA_TOKEN: '' },
    });
    expect(noCreds.code).toBe(2);
    expect(noCreds.stderr).toContain('set GRAFANA_USER and GRAFANA_PASSWORD');
  }, 120_000);
});

describe('verify against an unfiltered real Prometheus 2.42 holding two tenants', () => {
  it('the app is disabled in that org, what was seen is printed, exit 1; the operator org is untouched', async () => {
    // A scrape target exposing both tenants' request counters, as the gateway does in the dev stack.
    const target = createServer((_req, res) => {
      res.end(
        '# TYPE gateway_requests_total counter\ngateway_requests_total{tenant="acme"} 5\ngateway_requests_total{tenant="globex"} 7\n'
      );
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    const addr = target.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const prom = await startPrometheus({
      scrapeInterval: '1s',
      scrapeConfigsYaml: `  - job_name: gateway\n    static_configs:\n      - targets: ['127.0.0.1:${port}']`,
    });
    const g = new FakeGrafana();
    await g.start();
    try {
      const deadline = Date.now() + 60_000;
      // Two scrapes of both tenants' series, so "the last hour" surely holds them.
      const ready = async () =>
        (await prom.query('count_over_time(gateway_requests_total[1m]) >= 2').catch(() => undefined))?.result.length ===
        2;
      while (!(await ready())) {
        if (Date.now() > deadline) {
          throw new Error(`Prometheus did not scrape the two tenants within 60 s:\n${prom.logs()}`);
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      g.appSettings.set(1, { enabled: true, pinned: true, jsonData: { mode: 'operator' } });
      g.network.set('prometheus-acme.test:9090', { url: prom.url });
      const before1 = JSON.stringify([
        g.appSettings.get(1),
        g.members.filter((m) => m.orgId === 1),
        g.datasources.filter((d) => d.orgId === 1),
      ]);
      const r = await tenant(
        g,
        ['add', 'acme', '--name', 'Acme Corp', '--prometheus-url-pattern', 'http://prometheus-{id}.test:9090'],
        PW
      );
      expect(r.code).toBe(1);
      expect(r.err).toContain('failed at "verify"');
      expect(r.err).toMatch(/\d+ series with tenant="globex"/);
      expect(r.err).toContain('label values API lists tenant="globex"');
      expect(g.appSettings.get(orgOf(g, 'Acme Corp'))!.enabled).toBe(false);
      expect(
        JSON.stringify([
          g.appSettings.get(1),
          g.members.filter((m) => m.orgId === 1),
          g.datasources.filter((d) => d.orgId === 1),
        ])
      ).toBe(before1);
    } finally {
      await g.stop();
      await prom.stop();
      target.close();
    }
  }, 120_000);
});
