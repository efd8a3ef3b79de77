/** @jest-environment node */
import { parseStructured } from './structured';

describe('structured lines are read into level, caller and message before mining', () => {
  it('klog, with a structured message and escaped quotes unescaped once', () => {
    expect(
      parseStructured(
        'E0507 10:01:02.123456   12345 pod_workers.go:1298] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"api\\"" pod="default/api-0"'
      )
    ).toEqual({
      priority: 3,
      caller: 'pod_workers.go:1298',
      message: 'Error syncing pod, skipping err="failed to "StartContainer" for "api"" pod=default/api-0',
    });
    expect(parseStructured('W1123 08:00:01.5 99 reflector.go:424] watch of *v1.Pod ended')).toEqual({
      priority: 4,
      caller: 'reflector.go:424',
      message: 'watch of *v1.Pod ended',
    });
  });

  it('logfmt (Prometheus, Loki, Alloy): time dropped, level and caller taken, other fields kept', () => {
    expect(
      parseStructured(
        'ts=2026-11-23T10:01:02.123Z caller=scrape.go:1485 level=warn component="scrape manager" msg="Scrape failed" err="context deadline exceeded"'
      )
    ).toEqual({
      priority: 4,
      caller: 'scrape.go:1485',
      message: 'Scrape failed component="scrape manager" err="context deadline exceeded"',
    });
  });

  it('JSON lines (zap, structlog, Docker)', () => {
    expect(
      parseStructured(
        '{"level":"error","ts":1700000000.1,"caller":"gateway/main.go:88","msg":"upstream failed","status":502,"upstream":"vllm"}'
      )
    ).toEqual({
      priority: 3,
      caller: 'gateway/main.go:88',
      message: 'upstream failed status=502 upstream=vllm',
    });
  });

  it("vLLM's Python logging format", () => {
    expect(
      parseStructured('ERROR 11-23 10:01:02 [serving_chat.py:217] Error in chat completion stream generator')
    ).toEqual({
      priority: 3,
      caller: 'serving_chat.py:217',
      message: 'Error in chat completion stream generator',
    });
  });

  it('leaves plain lines, and key=value prose that is not logfmt, as they are', () => {
    for (const line of [
      'Failed password for root from 10.0.0.1 port 22 ssh2',
      'authentication failure; logname= uid=0',
      'vllm.service: Main process exited, code=exited, status=1/FAILURE',
      '{not json',
    ]) {
      expect(parseStructured(line)).toEqual({ priority: null, message: line });
    }
  });
});
