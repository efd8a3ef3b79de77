/** @jest-environment node */
import { authorizationHeader, grafanaCredentialsFromEnv } from './grafanaAuth';

describe('Grafana credentials of the command lines', () => {
  const both = { GRAFANA_TOKEN: 'glsa_x', GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'pw' };

  it('takes the preferred kind when both are set, the other when only it is', () => {
    expect(grafanaCredentialsFromEnv(both, 'token')).toEqual({ kind: 'token', token: 'glsa_x' });
    expect(grafanaCredentialsFromEnv(both, 'basic')).toEqual({ kind: 'basic', user: 'admin', password: 'pw' });
    expect(grafanaCredentialsFromEnv({ GRAFANA_TOKEN: 't' }, 'basic')).toEqual({ kind: 'token', token: 't' });
    expect(grafanaCredentialsFromEnv({ GRAFANA_USER: 'u', GRAFANA_PASSWORD: 'p' }, 'token')).toEqual({
      kind: 'basic',
      user: 'u',
      password: 'p',
    });
  });

  it('has none without a token or a complete user and password', () => {
    expect(grafanaCredentialsFromEnv({}, 'token')).toBeUndefined();
    expect(grafanaCredentialsFromEnv({ GRAFANA_USER: 'admin', GRAFANA_PASSWORD: '' }, 'basic')).toBeUndefined();
  });

  it('encodes Basic over UTF-8 bytes, as Node and Go decode it', () => {
    const c = { kind: 'basic' as const, user: 'admin', password: 'pässwörd:1' };
    const header = authorizationHeader(c);
    expect(header).toBe(`Basic ${Buffer.from('admin:pässwörd:1', 'utf8').toString('base64')}`);
    expect(Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8')).toBe('admin:pässwörd:1');
    expect(authorizationHeader({ kind: 'token', token: 'glsa_x' })).toBe('Bearer glsa_x');
  });
});
