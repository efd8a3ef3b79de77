import { defaultSettings } from './defaults';
import { MAX_STRING_LENGTH, parseSettings } from './parseSettings';

const fields = (jsonData: unknown) => parseSettings(jsonData).problems.map((p) => p.field);

describe('parseSettings defaults', () => {
  it.each([undefined, null, {}])('an org that never saved settings (%p) is not configured: tenant defaults, no problems', (input) => {
    const { settings, problems, configured } = parseSettings(input);
    expect(problems).toEqual([]);
    expect(configured).toBe(false);
    expect(settings).toEqual({ ...defaultSettings(), mode: 'tenant' });
  });

  it('operator defaults once the operator mode is saved', () => {
    expect(parseSettings({ mode: 'operator' })).toEqual({ settings: defaultSettings(), problems: [], configured: true });
  });

  it('has the documented defaults', () => {
    const s = defaultSettings();
    expect(s.mode).toBe('operator');
    expect(s.labels).toEqual({ tenant: 'tenant', host: 'instance', unit: 'unit', level: 'level' });
    expect(s.jobs.expected).toEqual([
      'vllm_inference',
      'node_spark',
      'node_mgmt',
      'node_floki',
      'mcp_server',
      'lightning',
      'dcgm',
      'alertmanager',
    ]);
    expect([s.thresholds.throughputRed, s.thresholds.throughputGreen]).toEqual([20, 50]);
    expect([s.thresholds.kvCacheCritical, s.thresholds.diskCritical]).toEqual([0.9, 0.9]);
    expect(s.sla).toEqual({ latencyPercentile: 0.95, latencyTargetSeconds: 5, availabilityObjective: 0.999, windowDays: 30, timeZone: 'UTC' });
    expect(s.review).toMatchObject({ actionAnnotation: 'action', intervalWeeks: 6, smsBudgetPerHour: 4 });
    expect(s.review.phoneSeverities).toEqual(['critical']);
    expect(s.review.emailSeverities).toEqual(['warning', 'info']);
    expect(s.vllm).toEqual({ url: '', model: '', timeoutSeconds: 60, maxPromptTokens: 3000 });
  });

  it('never puts a secret field into the settings shape', () => {
    const { settings } = parseSettings({ vllm: { apiKey: 'sk-live', vllmApiKey: 'sk-live' }, vllmApiKey: 'sk-live' });
    expect(JSON.stringify(settings)).not.toContain('sk-live');
  });
});

describe('parseSettings reads valid input', () => {
  it('keeps every valid custom value', () => {
    const input = {
      mode: 'tenant',
      tenant: { id: 'acme', name: 'Acme Corp' },
      datasources: { prometheusUid: 'prom-acme', lokiUid: 'loki_1', historyUid: 'history-acme' },
      labels: { tenant: 'customer', host: 'host', unit: 'systemd_unit', level: 'priority' },
      jobs: { vllm: 'sglang', expected: ['sglang', 'node'] },
      thresholds: { throughputRed: 5, throughputGreen: 10, throughputByModel: { 'qwen-32b': { red: 8, green: 15 } } },
      sla: { latencyPercentile: 0.99, latencyTargetSeconds: 2.5, availabilityObjective: 0.995, windowDays: 28 },
      review: { actionAnnotation: 'runbook_step', intervalWeeks: 8, smsBudgetPerHour: 2, phoneSeverities: ['page'] },
      vllm: { url: 'http://spark-host:8000/', model: 'qwen', timeoutSeconds: 30, maxPromptTokens: 4000 },
      metrics: { mcpLatencyHistogram: 'mcp_request_seconds' },
      triage: { maxLines: 2000, similarity: 0.5, maxClusters: 50 },
    };
    const { settings, problems } = parseSettings(input);
    expect(problems).toEqual([]);
    expect(settings.mode).toBe('tenant');
    expect(settings.tenant).toEqual({ id: 'acme', name: 'Acme Corp' });
    expect(settings.labels.tenant).toBe('customer');
    expect(settings.datasources.historyUid).toBe('history-acme');
    expect(settings.jobs.vllm).toBe('sglang');
    expect(settings.jobs.nodeSpark).toBe('node_spark');
    expect(settings.jobs.expected).toEqual(['sglang', 'node']);
    expect(settings.thresholds.throughputByModel).toEqual({ 'qwen-32b': { red: 8, green: 15 } });
    expect(settings.sla.windowDays).toBe(28);
    expect(settings.review.phoneSeverities).toEqual(['page']);
    expect(settings.vllm.url).toBe('http://spark-host:8000');
    expect(settings.metrics.mcpLatencyHistogram).toBe('mcp_request_seconds');
    expect(settings.triage.maxClusters).toBe(50);
  });

  it('accepts numbers typed as text (form inputs)', () => {
    const { settings, problems } = parseSettings({ sla: { latencyTargetSeconds: '2.5' } });
    expect(problems).toEqual([]);
    expect(settings.sla.latencyTargetSeconds).toBe(2.5);
  });
});

describe('parseSettings rejects invalid input field by field', () => {
  it.each([
    [{ mode: 'admin' }, 'mode'],
    [{ tenant: { id: 'Acme Corp' } }, 'tenant.id'],
    [{ tenant: { id: 'a"}or{x="' } }, 'tenant.id'],
    [{ labels: { tenant: 'ten-ant' } }, 'labels.tenant'],
    [{ labels: { host: 42 } }, 'labels.host'],
    [{ jobs: { vllm: 'vllm"} or up{job="x' } }, 'jobs.vllm'],
    [{ jobs: { expected: 'node' } }, 'jobs.expected'],
    [{ jobs: { expected: ['ok', 7] } }, 'jobs.expected[1]'],
    [{ thresholds: { throughputRed: -1 } }, 'thresholds.throughputRed'],
    [{ thresholds: { throughputRed: 60 } }, 'thresholds.throughputRed'],
    [{ thresholds: { kvCacheCritical: 1 } }, 'thresholds.kvCacheCritical'],
    [{ thresholds: { diskCritical: 'high' } }, 'thresholds.diskCritical'],
    [{ thresholds: { lightningRebalanceSats: 1.5 } }, 'thresholds.lightningRebalanceSats'],
    [{ thresholds: { throughputByModel: { m: { red: 9, green: 3 } } } }, 'thresholds.throughputByModel.m'],
    [{ sla: { availabilityObjective: 1 } }, 'sla.availabilityObjective'],
    [{ sla: { availabilityObjective: 0 } }, 'sla.availabilityObjective'],
    [{ sla: { latencyPercentile: 95 } }, 'sla.latencyPercentile'],
    [{ sla: { windowDays: 0 } }, 'sla.windowDays'],
    [{ sla: { windowDays: 7.5 } }, 'sla.windowDays'],
    [{ review: { intervalWeeks: 0 } }, 'review.intervalWeeks'],
    [{ review: { smsBudgetPerHour: NaN } }, 'review.smsBudgetPerHour'],
    [{ review: { phoneSeverities: ['critical'], emailSeverities: ['critical'] } }, 'review.phoneSeverities'],
    [{ vllm: { url: 'ftp://spark' } }, 'vllm.url'],
    [{ vllm: { url: 'http://user:pass@spark:8000' } }, 'vllm.url'],
    [{ vllm: { url: 'not a url' } }, 'vllm.url'],
    [{ vllm: { timeoutSeconds: 0 } }, 'vllm.timeoutSeconds'],
    [{ vllm: { maxPromptTokens: 10 } }, 'vllm.maxPromptTokens'],
    [{ metrics: { slaLatencyHistogram: 'latency seconds' } }, 'metrics.slaLatencyHistogram'],
    [{ triage: { similarity: 1 } }, 'triage.similarity'],
    [{ datasources: { prometheusUid: '../../api/admin' } }, 'datasources.prometheusUid'],
    [{ datasources: { historyUid: 'vm/../../api' } }, 'datasources.historyUid'],
  ])('%j → problem on %s, default kept', (input, field) => {
    const { settings, problems } = parseSettings(input);
    expect(problems.map((p) => p.field)).toContain(field);
    expect(problems.find((p) => p.field === field)?.message).toEqual(expect.any(String));
    // The invalid value never reaches the settings.
    expect(JSON.stringify(settings)).not.toContain('"}or{');
    expect(settings.sla.availabilityObjective).toBeLessThan(1);
  });

  it('requires tenant id and name in tenant mode', () => {
    expect(fields({ mode: 'tenant' })).toEqual(expect.arrayContaining(['tenant.id', 'tenant.name']));
    expect(fields({ mode: 'operator' })).toEqual([]);
  });

  it('takes an IANA time zone for the calendar and refuses anything else', () => {
    expect(parseSettings({ sla: { timeZone: 'Europe/Berlin' } }).settings.sla.timeZone).toBe('Europe/Berlin');
    expect(parseSettings({ sla: { timeZone: '' } }).settings.sla.timeZone).toBe('UTC');
    const bad = parseSettings({ sla: { timeZone: 'Mars/Olympus' } });
    expect(bad.settings.sla.timeZone).toBe('UTC');
    expect(bad.problems.map((p) => p.field)).toEqual(['sla.timeZone']);
  });

  it.each([
    [['operator'], 'is a list'],
    ['OPERATOR', 'is "OPERATOR"'],
    [null, 'is empty (null)'], // `mode:` left empty in provisioning YAML
    ['', 'is empty text'],
    [1, 'is number 1'],
    [{ value: 'operator' }, 'is an object'],
  ])('an unreadable mode %j fails closed to tenant mode and says exactly that', (mode, found) => {
    const { settings, problems, configured } = parseSettings({ mode, tenant: { id: 'acme', name: 'Acme' } });
    expect(settings.mode).toBe('tenant');
    expect(configured).toBe(true);
    expect(problems.find((p) => p.field === 'mode')?.message).toBe(
      `${found}, not "operator" or "tenant": tenant mode is used (service levels only) until a mode is saved on the configuration page`
    );
  });

  it('a tenant id without a mode is that tenant', () => {
    const { settings, problems, configured } = parseSettings({ tenant: { id: 'acme', name: 'Acme Corp' } });
    expect([settings.mode, settings.tenant.id, configured]).toEqual(['tenant', 'acme', true]);
    expect(problems).toEqual([
      { field: 'mode', message: 'is missing while tenant id "acme" is set: tenant mode is used; save the configuration page to record the mode' },
    ]);
  });

  it('settings without a mode or a tenant id are not configured, whatever else they hold', () => {
    expect(parseSettings({ sla: { windowDays: 28 }, tenant: { id: '  ' } })).toMatchObject({ configured: false, settings: { mode: 'tenant' } });
  });
});

describe('parseSettings survives hostile input', () => {
  it.each([[[]], [[1, 2, 3]], ['a string'], [42], [true]])('top-level %p → not configured, one problem saying so', (input) => {
    const { settings, problems, configured } = parseSettings(input);
    expect(configured).toBe(false);
    expect(settings).toEqual({ ...defaultSettings(), mode: 'tenant' });
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/^settings must be an object, got .+; nothing is shown until they are saved again$/);
  });

  it('reports sections of the wrong type', () => {
    expect(fields({ sla: [], review: null, vllm: 'x', jobs: 3 })).toEqual(expect.arrayContaining(['sla', 'vllm', 'jobs']));
  });

  it('rejects huge strings and long lists', () => {
    const huge = 'a'.repeat(MAX_STRING_LENGTH + 1);
    expect(fields({ tenant: { name: huge } })).toEqual(['tenant.name']);
    expect(fields({ jobs: { expected: Array.from({ length: 101 }, (_, i) => `job${i}`) } })).toEqual(['jobs.expected']);
    const tenMegabytes = 'x'.repeat(10 * 1024 * 1024);
    expect(() => parseSettings({ vllm: { url: tenMegabytes, model: tenMegabytes } })).not.toThrow();
  });

  it('ignores prototype tricks and throwing getters', () => {
    // An inherited mode is no mode: not configured (never the operator view).
    const proto = JSON.parse('{"__proto__": {"mode": "operator"}, "constructor": {"prototype": {"x": 1}}}');
    expect(parseSettings(proto)).toMatchObject({ configured: false, settings: { mode: 'tenant' } });
    const evil = {};
    Object.defineProperty(evil, 'mode', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const res = parseSettings(evil);
    expect(res.settings).toEqual({ ...defaultSettings(), mode: 'tenant' });
    expect(res.configured).toBe(false);
    expect(res.problems[0].message).toBe('settings could not be read (boom); nothing is shown until they are saved again');
  });

  it('never throws for deeply nested or cyclic data', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.sla = cyclic;
    cyclic.vllm = { url: cyclic };
    expect(() => parseSettings(cyclic)).not.toThrow();
    expect(fields(cyclic)).toEqual(expect.arrayContaining(['vllm.url']));
  });

  it('drops duplicate list entries', () => {
    expect(parseSettings({ jobs: { expected: ['a', 'a', ' a '] } }).settings.jobs.expected).toEqual(['a']);
  });
});
