import { defaultSettings } from './defaults';
import { parseSettings } from './parseSettings';
import { patternProblem } from './parseSli';

const parsed = (jsonData: unknown) => parseSettings(jsonData);
const problemFields = (jsonData: unknown) => parsed(jsonData).problems.map((p) => p.field);

describe('the SLI recipe settings', () => {
  it('default to one vLLM per customer with a tenant scrape label, and no problems', () => {
    expect(defaultSettings().sli).toMatchObject({ recipe: 'tenant-label', routeLabel: '', routePattern: '' });
    expect(parsed({ sli: {} }).problems).toEqual([]);
  });

  it('read a gateway recipe with its label and pattern', () => {
    const { settings, problems } = parsed({ sli: { recipe: 'litellm', routeLabel: 'team', routePattern: 'cust-(.+)' } });
    expect(problems).toEqual([]);
    expect(settings.sli).toMatchObject({ recipe: 'litellm', routeLabel: 'team', routePattern: 'cust-(.+)' });
  });

  it('refuse an unknown recipe, a bad label and a pattern Prometheus would reject, keeping the defaults', () => {
    const r = parsed({ sli: { recipe: 'nginx', routeLabel: 'team-alias', routePattern: '(?=x)(.+)' } });
    expect(r.problems.map((p) => p.field)).toEqual(['sli.recipe', 'sli.routeLabel', 'sli.routePattern']);
    expect(r.settings.sli).toEqual(defaultSettings().sli);
  });

  it('need exactly one capture group in the route pattern: the tenant id', () => {
    expect(patternProblem('tenant-(.+)@(.+)', 1)).toBe('must have exactly 1 capture group (the tenant id), has 2');
    expect(patternProblem('tenant-.+', 1)).toBe('must have exactly 1 capture group (the tenant id), has 0');
    expect(patternProblem('tenant-(?:a|b)-([a-z]+)', 1)).toBeUndefined();
    expect(patternProblem('(?P<id>[a-z]+)', 1)).toBeUndefined();
    expect(patternProblem('(?<id>[a-z]+)', 1)).toMatch(/RE2/);
    expect(patternProblem('(a)\\1', 1)).toMatch(/RE2/);
    expect(patternProblem('([a-z', 1)).toMatch(/^is not a valid regular expression/);
    expect(patternProblem('x'.repeat(201), 1)).toMatch(/at most 200/);
  });

  it('check the generic recipe’s metric names and status regex', () => {
    expect(problemFields({ sli: { recipe: 'route-label', requestCounter: 'bad name', errorStatusPattern: '5[' } })).toEqual([
      'sli.requestCounter',
      'sli.errorStatusPattern',
    ]);
  });
});

describe('the vLLM panel levels', () => {
  const d = defaultSettings().thresholds.vllm;

  it('default to levels a p95 over vLLM’s histograms can reach', () => {
    expect(d.ttftP95Seconds).toEqual({ yellow: 2, red: 10 });
    expect(parsed({ thresholds: { vllm: {} } }).problems).toEqual([]);
  });

  it('read each band, refusing yellow above red', () => {
    const r = parsed({ thresholds: { vllm: { itlP95Seconds: { yellow: '0.05', red: 0.2 }, lengthShare: { yellow: 0.5, red: 0.2 } } } });
    expect(r.settings.thresholds.vllm.itlP95Seconds).toEqual({ yellow: 0.05, red: 0.2 });
    expect(r.settings.thresholds.vllm.lengthShare).toEqual(d.lengthShare);
    expect(r.problems.map((p) => p.field)).toEqual(['thresholds.vllm.lengthShare.yellow']);
  });

  it('refuse a red level above the largest bucket of the histogram it is judged on: it could never turn red', () => {
    const r = parsed({ thresholds: { vllm: { itlP95Seconds: { yellow: 1, red: 90 }, ttftP95Seconds: { yellow: 100, red: 2560 } } } });
    expect(r.problems).toEqual([
      {
        field: 'thresholds.vllm.itlP95Seconds.red',
        message: "90 s can never be reached: vllm:inter_token_latency_seconds tops out at 80 s (vLLM's largest bucket)",
      },
    ]);
    expect(r.settings.thresholds.vllm.itlP95Seconds).toEqual(d.itlP95Seconds);
    // 2560 s itself is reachable: the quantile is the largest bound when it lands in the +Inf bucket.
    expect(r.settings.thresholds.vllm.ttftP95Seconds).toEqual({ yellow: 100, red: 2560 });
  });
});

describe('the MCP request counter', () => {
  it('defaults to the instrumentator’s counter, the only one of its metrics with a status label', () => {
    expect(defaultSettings().metrics.mcpRequestCounter).toBe('http_requests_total');
    expect(defaultSettings().metrics.mcpLatencyHistogram).toBe('http_request_duration_highr_seconds');
  });
});
