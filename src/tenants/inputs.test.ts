import { checkDisplayName, checkTenantId, checkUrlPattern, checkViewerLogin, sameOrgName, urlKey } from './inputs';

describe('tenant inputs', () => {
  it('display names: printable, within Grafana limits, with a letter or digit', () => {
    expect(checkDisplayName('  Acme Corp ')).toEqual({ ok: true, value: 'Acme Corp' });
    expect(checkDisplayName('Ünïcode Ltd. 株式会社')).toEqual({ ok: true, value: 'Ünïcode Ltd. 株式会社' });
    expect(checkDisplayName('x'.repeat(190)).ok).toBe(true);
    for (const bad of ['', '   ', '..', 'a\nb', 'a\rb', 'a\u0000b', 'a\u001b[2Jb', 'a\u200bb', 'a\u2028b', 'x'.repeat(191)]) {
      expect(checkDisplayName(bad).ok).toBe(false);
    }
  });

  it('url patterns: http(s) with {id}, no credentials, query or fragment', () => {
    expect(checkUrlPattern('http://prom-label-proxy-{id}:8080', 'acme')).toEqual({ ok: true, value: 'http://prom-label-proxy-acme:8080' });
    expect(checkUrlPattern('https://proxy.example/{id}/', 'acme')).toEqual({ ok: true, value: 'https://proxy.example/acme/' });
    for (const bad of [
      'http://prometheus:9090',
      'javascript:alert({id})',
      'file:///etc/{id}',
      'ftp://{id}',
      'http://user:pw@{id}:8080',
      'http://{id}:8080/?extra_label=x',
      'http://{id}:8080/#x',
      'http://{id} :8080',
      'http://{id}:99999',
    ]) {
      expect(checkUrlPattern(bad, 'acme').ok).toBe(false);
    }
  });

  it('ids and logins', () => {
    expect(checkTenantId('acme-2').ok).toBe(true);
    expect(checkTenantId('Acme').ok).toBe(false);
    expect(checkTenantId(undefined).ok).toBe(false);
    expect(checkViewerLogin('ops@acme.test').ok).toBe(true);
    expect(checkViewerLogin('a b').ok).toBe(false);
    expect(checkViewerLogin('a\u001bb').ok).toBe(false);
  });

  it('same backend and same org name', () => {
    expect(urlKey('http://Prometheus:9090/')).toBe(urlKey('http://prometheus:9090'));
    expect(urlKey('https://p.example')).toBe(urlKey('https://p.example:443/'));
    expect(urlKey('http://p:9090/a')).not.toBe(urlKey('http://p:9090/b'));
    expect(urlKey('not a url')).toBeUndefined();
    expect(sameOrgName(' Main Org. ', 'main org.')).toBe(true);
    expect(sameOrgName('Acme', 'Acme Corp')).toBe(false);
  });
});
