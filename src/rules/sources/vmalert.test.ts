import { rulesFromPrometheusApi } from './prometheusApi';
import { historyUrlFromVmalertFlags, isVmalertRules } from './vmalert';

// Shapes of vmalert 1.79.5's GET /api/v1/rules (app/vmalert/web_types.go APIGroup, APIRule) and of Prometheus 2.42's;
// tests/rules/review-vmalert.test.ts reads the real binaries.
const vmalertAnswer = {
  status: 'success',
  data: {
    groups: [
      {
        name: 'services',
        rules: [
          {
            state: 'inactive',
            name: 'McpServerDown',
            query: 'up{job="mcp_server"} == 0',
            duration: 300,
            labels: { severity: 'critical' },
            annotations: { action: 'SSH to floki' },
            lastError: '',
            evaluationTime: 0.001,
            lastEvaluation: '0001-01-01T00:00:00Z',
            health: 'ok',
            type: 'alerting',
            datasourceType: 'prometheus',
            lastSamples: 0,
            id: '9875336078128462732',
            group_id: '1234',
          },
        ],
        interval: 60,
        lastEvaluation: '0001-01-01T00:00:00Z',
        type: 'prometheus',
        id: '1234',
        file: '/etc/vmalert/services.yml',
        concurrency: 1,
      },
    ],
  },
};
const prometheusAnswer = {
  status: 'success',
  data: {
    groups: [
      {
        name: 'services',
        file: '/etc/prometheus/rules/services.yml',
        interval: 60,
        limit: 0,
        evaluationTime: 0.0002,
        lastEvaluation: '2026-11-29T17:00:00Z',
        rules: [{ name: 'McpServerDown', query: 'up == 0', duration: 300, health: 'ok', type: 'alerting', alerts: [] }],
      },
    ],
  },
};

describe('vmalert answers', () => {
  it('tells vmalert from Prometheus by the fields only vmalert sends', () => {
    expect(isVmalertRules(vmalertAnswer)).toBe(true);
    expect(isVmalertRules(prometheusAnswer)).toBe(false);
    expect(isVmalertRules({ status: 'success', data: { groups: [] } })).toBe(false);
    expect(isVmalertRules('not json')).toBe(false);
  });

  it('reads vmalert rules with the Prometheus reader: for, interval, labels, health', () => {
    const a = rulesFromPrometheusApi(vmalertAnswer, { id: 'v', label: 'v', kind: 'prometheus' });
    expect(a.ok && a.rules[0]).toMatchObject({
      name: 'McpServerDown',
      kind: 'alerting',
      forSeconds: 300,
      intervalSeconds: 60,
      labels: { severity: 'critical' },
      health: 'ok',
      folder: '/etc/vmalert/services.yml',
    });
  });
});

describe('VictoriaMetrics from vmalert /flags', () => {
  it('prefers -remoteRead.url, then -datasource.url', () => {
    const text = '-datasource.url="http://vm:8428"\n-remoteRead.url="http://vm-read:8428/"\n-rule="/etc/*.yml"\n';
    expect(historyUrlFromVmalertFlags(text)).toBe('http://vm-read:8428');
    expect(historyUrlFromVmalertFlags('-datasource.url="http://vm:8428"\n')).toBe('http://vm:8428');
  });

  it('a URL printed as "secret" (the default, datasource/init.go InitSecretFlags) is not one', () => {
    expect(historyUrlFromVmalertFlags('-datasource.url="secret"\n-remoteRead.url="secret"\n')).toBeUndefined();
    expect(historyUrlFromVmalertFlags('')).toBeUndefined();
  });
});
