/**
 * @jest-environment node
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { passwordEnv, vmauthConfigYaml } from '../../src/tenants/vmauthConfig';
import { startVmauth, vmToolsAvailable } from '../helpers/victoriametrics';
import { loadCompose, onboardedTenants } from './compose';
import { ROOT } from './files';

// The dev stack's vmauth config: generated, complete, and loaded by the real vmauth 1.79.5.
const { services } = loadCompose();
const vmauth = services.get('vmauth')!;
const text = readFileSync(join(ROOT, 'provisioning/vmauth/auth.yml'), 'utf8');
const vmauthTenants = onboardedTenants(services).filter((t) => t.boundary === 'vmauth');

describe('provisioning/vmauth/auth.yml', () => {
  it('is exactly what `npm run tenant -- vmauth-config` makes for the vmauth tenants of the stack', () => {
    expect(vmauthTenants.map((t) => t.id)).toEqual(['globex']);
    const upstream = /-upstream|url_prefix: "([^/]+\/\/[^/]+)/.exec(text)?.[1];
    expect(upstream).toBe('http://victoriametrics:8428');
    expect(text).toBe(
      vmauthConfigYaml(
        upstream!,
        vmauthTenants.map((t) => ({ id: t.id, label: 'tenant' }))
      )
    );
  });

  it('every password placeholder is set in the vmauth service (an unset %{VAR} would be the password itself)', () => {
    const placeholders = [...text.matchAll(/%\{(\w+)\}/g)].map((m) => m[1]);
    expect(placeholders).toEqual(vmauthTenants.map((t) => passwordEnv(t.id)));
    for (const p of placeholders) {
      expect([p, vmauth.environment[p]]).toEqual([p, expect.stringMatching(/.{8,}/)]);
    }
    expect(vmauth.mounts).toContainEqual({ kind: 'repo', source: 'provisioning/vmauth', target: '/etc/vmauth' });
    expect(vmauth.command).toContain('-auth.config=/etc/vmauth/auth.yml');
  });

  it('loads in the real vmauth: the user is routed on the query API and nowhere else', async () => {
    if (!(await vmToolsAvailable(['vmauth']))) {
      return;
    }
    const env = Object.fromEntries(Object.keys(vmauth.environment).map((k) => [k, vmauth.environment[k]]));
    const auth = await startVmauth({ config: text, env });
    try {
      const as = (user: string, pw: string) => ({
        Authorization: `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`,
      });
      const pw = vmauth.environment[passwordEnv('globex')];
      expect((await fetch(`${auth.url}/api/v1/query?query=1`)).status).toBe(401);
      // Routed: vmauth tries victoriametrics:8428, which does not resolve here (502 from its reverse proxy).
      expect((await fetch(`${auth.url}/api/v1/query?query=1`, { headers: as('globex', pw) })).status).toBe(502);
      const export_ = await fetch(`${auth.url}/api/v1/export?match[]=up`, { headers: as('globex', pw) });
      expect(export_.status).toBe(400);
      expect(await export_.text()).toContain('missing route');
      // The literal placeholder is not a password once the variable is set.
      expect(
        (await fetch(`${auth.url}/api/v1/query?query=1`, { headers: as('globex', '%{VMAUTH_GLOBEX_PASSWORD}') })).status
      ).toBe(400);
    } finally {
      await auth.stop();
    }
  });
});
