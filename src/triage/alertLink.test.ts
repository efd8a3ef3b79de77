/** @jest-environment node */
import { alertTriageLink, canTriage } from './alertLink';
import { parseTriageParams } from './linkParams';

const ctx = {
  rule: { name: 'vLLM down', labels: {}, annotations: {} },
  instance: {
    activeAt: '2026-11-23T08:00:00Z',
    labels: { alertname: 'VllmDown', instance: 'spark-host:8000', unit: 'vllm.service', severity: 'critical' },
    annotations: {},
    state: 'Alerting',
    value: '0',
  },
};
const T = Date.parse('2026-11-23T08:00:00Z');

describe('alertTriageLink', () => {
  it('opens triage for the alert host (port stripped), unit, name, rule and time', () => {
    const link = alertTriageLink(ctx, { orgRole: 'Editor' }, T + 10 * 3600_000);
    expect(parseTriageParams(link!.path.split('?')[1])).toEqual({
      hosts: ['spark-host'],
      units: ['vllm.service'],
      from: T - 30 * 60_000,
      to: T + 2 * 3600_000,
      alertname: 'VllmDown',
      rule: 'vLLM down',
    });
  });

  it('ends at now for an alert that started recently', () => {
    const link = alertTriageLink(ctx, { orgRole: 'Admin' }, T + 60_000);
    expect(link!.path).toContain('to=now');
  });

  it('is hidden from viewers and users without a role, Grafana server admins included (the route checks the org role)', () => {
    expect(alertTriageLink(ctx, { orgRole: 'Viewer' })).toBeUndefined();
    expect(alertTriageLink(ctx, { orgRole: 'None' })).toBeUndefined();
    expect(alertTriageLink(ctx, undefined)).toBeUndefined();
    expect(alertTriageLink(ctx, { orgRole: 'Viewer', isGrafanaAdmin: true })).toBeUndefined();
    expect(alertTriageLink(ctx, { orgRole: 'Editor' })).toBeDefined();
    expect(canTriage({ orgRole: 'Editor' })).toBe(true);
  });

  it('copes with missing labels and the "never active" time', () => {
    const link = alertTriageLink({ instance: { activeAt: '0001-01-01T00:00:00Z', labels: { alertname: 'X', name: 'not-a-unit' } } }, { orgRole: 'Editor' });
    expect(parseTriageParams(link!.path.split('?')[1])).toEqual({ hosts: [], units: [], from: 'now-1h', to: 'now', alertname: 'X' });
    expect(alertTriageLink(undefined, { orgRole: 'Editor' })).toBeUndefined();
  });
});
