/** @jest-environment node */
import fc from 'fast-check';
import { SECRET_FAMILIES, prng } from '../../tests/triage/secretFamilies';
import { leaked } from '../../tests/triage/secretRecall';
import { defaultSettings } from '../settings';
import { nothingToNarrate, prepareTriage } from './pipeline';
import { promptText } from './prompt';
import type { LogLine } from './types';

const SEPARATORS = [' ', '"', "'", '=', '(', '[', ',', '\t', '{'];
const words = fc.array(
  fc.constantFrom(
    'vllm',
    'error',
    'failed',
    'pod',
    'api-0',
    '10.0.0.7:8000',
    'status=1',
    'retry',
    '--port',
    '8000',
    'ok'
  ),
  { maxLength: 8 }
);

describe('property: a secret of any family, planted anywhere in a line, never reaches the prompt or the facts', () => {
  const settings = defaultSettings();
  it.each(SECRET_FAMILIES.map((f) => [f.id, f] as const))('%s', (_id, f) => {
    fc.assert(
      fc.property(
        words,
        words,
        fc.integer(),
        fc.constantFrom(...SEPARATORS),
        fc.nat(3),
        (before, after, seed, sep, where) => {
          const generated = f.generate(prng(seed));
          const secret = f.secretOf ? f.secretOf(generated) : generated;
          const planted = f.context === 'shape' ? generated : `${f.context.keyword}=${generated}`;
          const message = [...before, `${sep}${planted}${sep === '=' ? ' ' : sep}`, ...after].join(' ');
          const base: LogLine = {
            time: 1_700_000_000_000,
            host: 'spark-host',
            unit: 'vllm.service',
            priority: 3,
            message: 'EngineCore failed to start.',
          };
          // The secret may sit in the message of the first error, of a frequent line, or in a unit or host name.
          const lines: LogLine[] = [
            { ...base, message: where === 0 ? message : base.message },
            ...Array.from({ length: 5 }, (_, i) => ({
              ...base,
              time: base.time + i + 1,
              message: where === 1 ? message : `retry ${i} failed`,
            })),
            {
              ...base,
              time: base.time + 10,
              unit: where === 2 ? planted : 'kernel',
              host: where === 3 ? planted : 'mgmt',
            },
          ];
          const prepared = prepareTriage(lines, settings);
          expect(leaked(promptText(prepared.prompt), secret)).toBe(false);
          expect(leaked(JSON.stringify(prepared.facts), secret)).toBe(false);
        }
      ),
      { numRuns: 25, seed: 1212 }
    );
  });
});

describe('nothing at the selected priority', () => {
  const lines: LogLine[] = [
    ...Array.from({ length: 5 }, (_, i) => ({
      time: i,
      host: 'h',
      unit: 'u',
      priority: 6,
      message: `started worker ${i}`,
    })),
    ...Array.from({ length: 2 }, (_, i) => ({
      time: 10 + i,
      host: 'h',
      unit: 'u',
      priority: 4,
      message: 'disk almost full',
    })),
  ];

  it('says how many lines were read at which priorities and how to widen, instead of building a call', () => {
    const prepared = prepareTriage(lines, defaultSettings(), { facts: { maxPriority: 3 } });
    expect(prepared.facts.lines).toBe(0);
    expect(nothingToNarrate(prepared.facts, 3, 'run again with --max-priority {p}')).toBe(
      '7 lines were read (2 warning, 5 info) but none at err priority or above, so nothing was sent to the model. To include them, run again with --max-priority 6.'
    );
  });

  it('says nothing when there is something to narrate (positive control)', () => {
    const prepared = prepareTriage(lines, defaultSettings(), { facts: { maxPriority: 4 } });
    expect(prepared.facts.lines).toBe(2);
    expect(nothingToNarrate(prepared.facts, 4, 'x')).toBeUndefined();
  });
});
