/**
 * @jest-environment node
 */
import { parseSettings } from '../../src/settings';
import { passwordEnv, vmauthConfigYaml } from '../../src/tenants/vmauthConfig';
import { startVmauth } from '../helpers/victoriametrics';
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

// `npm run tenant -- add <id> --boundary vmauth|prom-label-proxy` against the Grafana stand-in, with the real
// VictoriaMetrics and vmauth 1.79.5 (the dev stack's generated users) behind its data source proxy.
const refused = refusedUnchanged;
const VMAUTH = (id: string) => ({ ...PW, VMAUTH_PASSWORD: `${id}-pw` });

let world: TenantWorld | undefined;
beforeAll(async () => {
  if (await vmAvailable()) {
    world = await startTenantWorld();
  }
}, 120_000);
afterAll(() => world?.stop());

const maybe = (name: string, fn: () => Promise<void>, timeout?: number) =>
  it(name, async () => (world ? fn() : undefined), timeout);

describe('tenant add --boundary vmauth (real vmauth 1.79.5 in front of VictoriaMetrics)', () => {
  let g: FakeGrafana;
  beforeEach(async () => {
    g = world ? await freshGrafana(world) : new FakeGrafana();
    if (!world) {
      await g.start();
    }
  });
  afterEach(() => g.stop());

  maybe(
    'one data source through vmauth as the tenant user serves Prometheus and history; verified, then enabled',
    async () => {
      const r = await tenant(g, ['add', 'globex', '--name', 'Globex', '--boundary', 'vmauth'], VMAUTH('globex'));
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const orgId = orgOf(g, 'Globex');
      const ds = g.datasources.filter((d) => d.orgId === orgId);
      expect(ds).toEqual([
        expect.objectContaining({
          uid: 'sovgrid-prom-globex',
          name: 'VictoriaMetrics (globex)',
          url: 'http://vmauth:8427',
          basicAuth: true,
          basicAuthUser: 'globex',
          isDefault: true,
          secure: { basicAuthPassword: 'globex-pw' },
        }),
      ]);
      const saved = g.appSettings.get(orgId)!;
      expect(saved.enabled).toBe(true);
      expect(parseSettings(saved.jsonData).settings.datasources).toEqual({
        prometheusUid: 'sovgrid-prom-globex',
        historyUid: 'sovgrid-prom-globex',
        lokiUid: '',
      });
      expect(r.out).toMatch(/verify: \d+ series in the last hour, all tenant="globex"/);
      // The password went to Grafana's secure store only: never into the output.
      expect(r.out).not.toContain('globex-pw');
    }
  );

  maybe('a second run changes nothing but the password it cannot read back', async () => {
    await tenant(g, ['add', 'globex', '--name', 'Globex', '--boundary', 'vmauth'], VMAUTH('globex'));
    g.calls = [];
    const r = await tenant(g, ['add', 'globex', '--name', 'Globex', '--boundary', 'vmauth'], VMAUTH('globex'));
    expect(r.code).toBe(0);
    expect(g.writes().map((c) => `${c.method} ${c.path}`)).toEqual(['PUT /api/datasources/uid/sovgrid-prom-globex']);
    expect(r.out).toContain('(password from VMAUTH_PASSWORD set again)');
  });

  maybe('a wrong password: vmauth refuses, the verify step says so, the app stays off', async () => {
    const r = await tenant(g, ['add', 'globex', '--name', 'Globex', '--boundary', 'vmauth'], {
      ...PW,
      VMAUTH_PASSWORD: 'nope',
    });
    expect(r.code).toBe(1);
    // vmauth 1.79.5 answers an unknown token with 400 "cannot find the provided auth token %q in config"
    // (app/vmauth/main.go requestHandler), echoing the Basic credentials: they are blanked before printing.
    expect(r.err).toMatch(
      /could not be queried \(.*HTTP 400 from Grafana's data source proxy: cannot find the provided auth token "Basic \[redacted\]"/
    );
    expect(r.err).not.toContain(Buffer.from('globex:nope').toString('base64'));
    expect(g.appSettings.get(orgOf(g, 'Globex'))!.enabled).toBe(false);
  });

  maybe("a vmauth user that enforces another tenant's label is caught before ready (positive control)", async () => {
    // A config slip: user "globex" filtered by tenant=acme.
    const slip = await startVmauth({
      config: vmauthConfigYaml(world!.vm.url, [{ id: 'globex', label: 'tenant' }]).replace(
        'tenant=globex',
        'tenant=acme'
      ),
      env: { [passwordEnv('globex')]: 'globex-pw' },
    });
    try {
      g.network.set('vmauth-slip:8427', { url: slip.url });
      const r = await tenant(
        g,
        ['add', 'globex', '--name', 'Globex', '--boundary', 'vmauth', '--vmauth-url', 'http://vmauth-slip:8427'],
        VMAUTH('globex')
      );
      expect(r.code).toBe(1);
      expect(r.err).toContain('returned series of other tenants');
      expect(r.err).toMatch(/tenant="acme"/);
      expect(g.appSettings.get(orgOf(g, 'Globex'))!.enabled).toBe(false);
    } finally {
      await slip.stop();
    }
  });

  maybe("the same vmauth user as another tenant's data source is refused before any change", async () => {
    await tenant(g, ['add', 'acme', '--name', 'Acme Corp', '--boundary', 'vmauth'], VMAUTH('acme'));
    // An earlier slip gave acme's org a data source as vmauth user "globex".
    const acmeDs = g.datasources.find((d) => d.orgId === orgOf(g, 'Acme Corp'))!;
    acmeDs.basicAuthUser = 'globex';
    const r = await refused(g, ['add', 'globex', '--name', 'Globex', '--boundary', 'vmauth'], VMAUTH('globex'));
    expect(r.err).toContain(
      `the proxy URL http://vmauth:8427 with user "globex" is also the URL of data source "VictoriaMetrics (acme)" in tenant "acme"'s org`
    );
    expect(r.err).toContain('Nothing was changed.');
  });

  maybe('tenants share vmauth as different users: both onboard', async () => {
    expect((await tenant(g, ['add', 'acme', '--name', 'Acme Corp', '--boundary', 'vmauth'], VMAUTH('acme'))).code).toBe(
      0
    );
    expect(
      (await tenant(g, ['add', 'globex', '--name', 'Globex', '--boundary', 'vmauth'], VMAUTH('globex'))).code
    ).toBe(0);
  });

  maybe('an operator data source at the vmauth URL is refused, whatever its user', async () => {
    g.datasources.push({
      id: 2,
      orgId: 1,
      uid: 'ops-vmauth',
      name: 'Ops through vmauth',
      type: 'prometheus',
      access: 'proxy',
      url: 'http://vmauth:8427',
      isDefault: false,
      jsonData: {},
      basicAuth: true,
      basicAuthUser: 'operator',
    });
    const r = await refused(g, ['add', 'globex', '--name', 'Globex', '--boundary', 'vmauth'], VMAUTH('globex'));
    expect(r.err).toContain(`in the operator's org "Main Org." (id 1), unfiltered`);
  });

  it.each([
    [['--boundary', 'vmauth'], {}, 'needs VMAUTH_PASSWORD: the password of vmauth user "globex"'],
    [
      ['--boundary', 'vmauth', '--prometheus-url-pattern', 'http://p-{id}:8080'],
      { VMAUTH_PASSWORD: 'x' },
      'takes --vmauth-url',
    ],
    [['--vmauth-url', 'http://vmauth:8427'], {}, '--vmauth-url goes with --boundary vmauth'],
    [['--boundary', 'vmauth', '--vmauth-url', 'ftp://vmauth'], { VMAUTH_PASSWORD: 'x' }, '--vmauth-url'],
    [['--boundary', 'nginx'], {}, '--boundary'],
    [
      ['--history-url-pattern', 'http://prom-label-proxy-{id}:8080'],
      {},
      'must be another proxy than --prometheus-url-pattern',
    ],
    [['--history-url-pattern', 'http://victoriametrics:8428'], {}, '--history-url-pattern has no {id}'],
  ])('usage mistake %j is exit 2 before Grafana is asked', async (args, env, message) => {
    const g2 = new FakeGrafana();
    await g2.start();
    try {
      const r = await refused(g2, ['add', 'globex', '--name', 'Globex', ...args], { ...PW, ...env }, 2);
      expect(r.err).toContain(message);
      expect(g2.calls).toEqual([]);
    } finally {
      await g2.stop();
    }
  });
});

describe('tenant add --boundary prom-label-proxy --history-url-pattern', () => {
  let g: FakeGrafana;
  beforeEach(async () => {
    g = world ? await freshGrafana(world) : new FakeGrafana();
    if (!world) {
      await g.start();
    }
  });
  afterEach(() => g.stop());

  maybe('two data sources, each its own proxy; both verified before the app is enabled', async () => {
    const r = await tenant(
      g,
      ['add', 'acme', '--name', 'Acme Corp', '--history-url-pattern', 'http://prom-label-proxy-history-{id}:8080'],
      PW
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const orgId = orgOf(g, 'Acme Corp');
    expect(g.datasources.filter((d) => d.orgId === orgId).map((d) => [d.uid, d.name, d.url, d.isDefault])).toEqual([
      ['sovgrid-prom-acme', 'Prometheus (acme)', 'http://prom-label-proxy-acme:8080', true],
      ['sovgrid-history-acme', 'History (acme)', 'http://prom-label-proxy-history-acme:8080', false],
    ]);
    expect(parseSettings(g.appSettings.get(orgId)!.jsonData).settings.datasources.historyUid).toBe(
      'sovgrid-history-acme'
    );
    const verified = g.calls.filter((c) => /\/api\/datasources\/proxy\/uid\/[^/]+\/api\/v1\/query\?/.test(c.path));
    expect(new Set(verified.map((c) => c.path.split('/')[5]))).toEqual(
      new Set(['sovgrid-prom-acme', 'sovgrid-history-acme'])
    );
    expect(r.out).toMatch(/sovgrid-history-acme: \d+ series in the last hour, all tenant="acme"/);
  });

  maybe("a history proxy that is another tenant's is refused before any change", async () => {
    const history = ['--history-url-pattern', 'http://prom-label-proxy-history-{id}:8080'];
    await tenant(g, ['add', 'globex', '--name', 'Globex', ...history], PW);
    // An earlier slip pointed globex's history data source at acme's proxy.
    g.datasources.find((d) => d.uid === 'sovgrid-history-globex')!.url = 'http://prom-label-proxy-history-acme:8080';
    const r = await refused(g, ['add', 'acme', '--name', 'Acme Corp', ...history], PW);
    expect(r.err).toContain(
      `the proxy URL http://prom-label-proxy-history-acme:8080 is also the URL of data source "History (globex)" in tenant "globex"'s org`
    );
    expect(r.err).toContain('fix --history-url-pattern');
  });
});
