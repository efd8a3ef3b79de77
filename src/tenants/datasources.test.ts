import { dataSourceDiffers, desiredDataSources, tenantDataSourceUids } from './datasources';
import type { AddRequest } from './preflight';
import { redactCredentials } from './verify';

const base: AddRequest = { id: 'acme', name: 'Acme', url: 'http://prom-label-proxy-acme:8080', viewerLogin: 'v' };
const vmauth: AddRequest = {
  ...base,
  boundary: 'vmauth',
  url: 'http://vmauth:8427',
  basicAuth: { user: 'acme', password: 's3cret' },
};

describe('tenant data sources', () => {
  it('prom-label-proxy: one, or two with a history proxy; vmauth: one that is both', () => {
    expect(desiredDataSources(base).map((d) => d.uid)).toEqual(['sovgrid-prom-acme']);
    const withHistory = { ...base, historyUrl: 'http://prom-label-proxy-history-acme:8080' };
    expect(desiredDataSources(withHistory).map((d) => [d.uid, d.isDefault])).toEqual([
      ['sovgrid-prom-acme', true],
      ['sovgrid-history-acme', false],
    ]);
    expect(tenantDataSourceUids(withHistory)).toEqual({
      prometheusUid: 'sovgrid-prom-acme',
      historyUid: 'sovgrid-history-acme',
    });
    expect(tenantDataSourceUids(base).historyUid).toBe('');
    expect(tenantDataSourceUids(vmauth)).toEqual({
      prometheusUid: 'sovgrid-prom-acme',
      historyUid: 'sovgrid-prom-acme',
    });
    expect(desiredDataSources(vmauth)[0]).toMatchObject({
      basicAuth: true,
      basicAuthUser: 'acme',
      secureJsonData: { basicAuthPassword: 's3cret' },
    });
  });

  it('a data source differs when its user changed or its password is not set', () => {
    const [want] = desiredDataSources(vmauth);
    const stored = { ...want, secureJsonData: undefined, secureJsonFields: { basicAuthPassword: true } };
    expect(dataSourceDiffers(stored, want)).toBe(false);
    expect(dataSourceDiffers({ ...stored, basicAuthUser: 'globex' }, want)).toBe(true);
    expect(dataSourceDiffers({ ...stored, secureJsonFields: {} }, want)).toBe(true);
    expect(dataSourceDiffers({ ...stored, basicAuth: false }, want)).toBe(true);
    expect(dataSourceDiffers({ ...stored, isDefault: false }, want)).toBe(true);
  });
});

it('blanks credentials an upstream echoes (vmauth 1.79.5 does, app/vmauth/main.go requestHandler)', () => {
  expect(redactCredentials('cannot find the provided auth token "Basic YWNtZTpub3Bl" in config')).toBe(
    'cannot find the provided auth token "Basic [redacted]" in config'
  );
  expect(redactCredentials('Bearer abc.def-ghi and Token xyz')).toBe('Bearer [redacted] and Token [redacted]');
});
