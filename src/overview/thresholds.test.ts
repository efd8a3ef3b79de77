import fc from 'fast-check';
import { getActiveThreshold } from '@grafana/data';
import { defaultSettings } from '../settings/defaults';
import { knownBounds, risingThresholdReachable, topFiniteBound } from '../exporters/histograms';
import { NO_TRAFFIC, overviewSignals, type SignalId } from './queries';
import {
  colourFor,
  displayColour,
  IDLE_AWARE,
  mappedText,
  quantileHistograms,
  signalMappings,
  signalSteps,
  throughputSteps,
} from './thresholds';

const settings = defaultSettings();
const ids = Object.keys(overviewSignals(settings)) as SignalId[];

describe('threshold colours', () => {
  it.each(ids)('%s: steps start at -Infinity and rise strictly', (id) => {
    const steps = signalSteps(id, settings);
    expect(steps[0].value).toBe(-Infinity);
    for (let i = 1; i < steps.length; i++) {
      expect(steps[i].value).toBeGreaterThan(steps[i - 1].value);
      expect(Number.isFinite(steps[i].value)).toBe(true);
    }
  });

  it('colourFor picks the same step as Grafana for any value (the scene and the tests agree)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.double({ noNaN: true, min: -1e7, max: 1e7 }), (id, v) => {
        const steps = signalSteps(id, settings);
        const grafana = getActiveThreshold(
          v,
          steps.map((s) => ({ value: s.value, color: s.color }))
        );
        expect(colourFor(v, steps)).toBe(grafana.color);
      })
    );
  });

  it('reports No data as no colour', () => {
    expect(colourFor(undefined, signalSteps('kvCache', settings))).toBeUndefined();
    expect(colourFor(null, signalSteps('kvCache', settings))).toBeUndefined();
  });

  it('throughput: red < 20 ≤ yellow < 50 ≤ green by default, per model when configured', () => {
    const steps = throughputSteps(settings);
    expect([19.9, 20, 49.9, 50].map((v) => colourFor(v, steps))).toEqual(['red', 'yellow', 'yellow', 'green']);
    const s = {
      ...settings,
      thresholds: { ...settings.thresholds, throughputByModel: { small: { red: 100, green: 200 } } },
    };
    expect(colourFor(150, throughputSteps(s, 'small'))).toBe('yellow');
    expect(colourFor(150, throughputSteps(s, 'other'))).toBe('green');
  });

  it('KV cache is red from the configured critical level, yellow in the band below it', () => {
    const s = { ...settings, thresholds: { ...settings.thresholds, kvCacheCritical: 0.8 } };
    const steps = signalSteps('kvCache', s);
    expect([0.69, 0.7, 0.79, 0.8].map((v) => colourFor(v, steps))).toEqual(['green', 'yellow', 'yellow', 'red']);
  });

  it('Lightning outgoing balance is red below the rebalancing threshold', () => {
    const s = { ...settings, thresholds: { ...settings.thresholds, lightningRebalanceSats: 250_000 } };
    expect(colourFor(249_999, signalSteps('lnOutgoingSats', s))).toBe('red');
    expect(colourFor(250_000, signalSteps('lnOutgoingSats', s))).toBe('green');
  });

  it('alerts: any firing is red, any pending is yellow, none is green', () => {
    expect(colourFor(0, signalSteps('alertsFiring', settings))).toBe('green');
    expect(colourFor(1, signalSteps('alertsFiring', settings))).toBe('red');
    expect(colourFor(1, signalSteps('alertsPending', settings))).toBe('yellow');
  });

  it('coverage shows words and is red unless up', () => {
    const m = signalMappings('coverage');
    expect([1, 0, -1].map((v) => [mappedText(v, m), colourFor(v, signalSteps('coverage', settings))])).toEqual([
      ['Up', 'green'],
      ['Down', 'red'],
      ['Not scraped', 'red'],
    ]);
  });

  it.each(IDLE_AWARE.map((id) => [id]))('%s says "No traffic" in the neutral colour when idle', (id) => {
    const steps = signalSteps(id, settings);
    const mappings = signalMappings(id);
    expect(mappedText(NO_TRAFFIC, mappings)).toBe('No traffic');
    expect(displayColour(NO_TRAFFIC, steps, mappings)).toBe('text');
    // A real value keeps its threshold colour.
    expect(displayColour(0, steps, mappings)).toBe(colourFor(0, steps));
  });

  it('no latency headline has a red level its histogram can never reach (default settings)', () => {
    for (const [id, histogram] of Object.entries(quantileHistograms(settings))) {
      const red = signalSteps(id as SignalId, settings).find((st) => st.color === 'red')!;
      const top = topFiniteBound(knownBounds(histogram!)!)!;
      expect({ id, reachable: risingThresholdReachable('>=', red.value, top) }).toEqual({ id, reachable: true });
    }
  });

  it('the instrumentator\'s low-resolution histogram (top bucket 1 s) could never turn MCP p95 red (2.5 s)', () => {
    const lowr = { ...settings, metrics: { ...settings.metrics, mcpLatencyHistogram: 'http_request_duration_seconds' } };
    const red = signalSteps('mcpP95', lowr).find((st) => st.color === 'red')!.value;
    const top = topFiniteBound(knownBounds(quantileHistograms(lowr).mcpP95!)!)!;
    expect([red, top]).toEqual([2.5, 1]);
    expect(risingThresholdReachable('>=', red, top)).toBe(false);
  });
});
