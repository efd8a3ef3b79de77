/**
 * @jest-environment node
 */
import { readRetention } from '../../src/history/readRetention';
import { fetchHttp } from '../../src/shared/fetchHttp';
import { startPrometheus, type RunningPrometheus } from '../helpers/prometheus';
import { freePort } from '../helpers/processes';
import { startVictoriaMetrics, vmToolsAvailable } from '../helpers/victoriametrics';

// How far back the operator's Prometheus keeps data, read from the real Prometheus 2.42 as the page and the report
// read it (docs/victoriametrics-contract.md P1).
describe('Prometheus retention from its status API', () => {
  const cases: Array<[string, string[], string | undefined, number | undefined]> = [
    ['no retention flag: the 15-day default', [], undefined, 15 * 86400],
    ['the stack design: 14 days', [], '14d', 14 * 86400],
    ['time and size: the time bounds it', ['--storage.tsdb.retention.size=1GB'], '30d', 30 * 86400],
    ['size only: not known', ['--storage.tsdb.retention.size=1GB'], undefined, undefined],
  ];
  it.each(cases)(
    '%s',
    async (_name, extra, time, seconds) => {
      let prom: RunningPrometheus | undefined;
      try {
        // The helper's default is 400d; an empty retention flag leaves Prometheus' own default.
        prom = await startPrometheus({
          retention: time ?? '0s',
          extraArgs: extra,
        });
        const r = await readRetention(fetchHttp(), prom.url);
        if (seconds === undefined) {
          expect(r).toMatchObject({ kind: 'unknown', why: expect.stringMatching(/by size only \("1GiB"\)/) });
        } else {
          expect(r).toMatchObject({ kind: 'time', seconds });
        }
      } finally {
        await prom?.stop();
      }
    },
    60_000
  );

  it('a store without the status API (VictoriaMetrics, a label proxy) is unknown, with the reason', async () => {
    if (!(await vmToolsAvailable(['victoria-metrics']))) {
      return;
    }
    const vm = await startVictoriaMetrics();
    try {
      const r = await readRetention(fetchHttp(), vm.url, 'the history');
      expect(r.kind).toBe('unknown');
      expect(r.kind === 'unknown' && r.why).toMatch(/the history \(status API\).*400/);
      expect(r.kind === 'unknown' && r.unreachable).toBe(false);
    } finally {
      await vm.stop();
    }
  }, 60_000);

  it('nothing listening is unreachable', async () => {
    const r = await readRetention(fetchHttp(), `http://127.0.0.1:${await freePort()}`);
    expect(r).toMatchObject({ kind: 'unknown', unreachable: true });
  });
});
