/** @jest-environment node */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { TemplateMiner, templateText } from './drain';
import { groupingAccuracy } from './grouping';
import type { LogLine } from './types';

interface Labelled {
  label: string;
  line: LogLine;
}

const fixture: Labelled[] = readFileSync(join(__dirname, '../../tests/fixtures/triage/labelled-lines.tsv'), 'utf8')
  .split('\n')
  .filter((r) => r && !r.startsWith('#'))
  .map((r, i) => {
    const [label, unit, message] = r.split('\t');
    return { label, line: { time: 1_700_000_000_000 + i * 1000, host: 'spark-host', unit, priority: 3, message } };
  });

const line = (message: string, time = 0, host = 'h', unit = 'u'): LogLine => ({
  time,
  host,
  unit,
  priority: 3,
  message,
});

function mine(messages: string[], maxClusters = 1000): TemplateMiner {
  const miner = new TemplateMiner({ similarity: 0.4, maxClusters });
  messages.forEach((m, i) => miner.add(line(m, i)));
  return miner;
}

describe('TemplateMiner on the labelled fixture (144 lines, 16 templates)', () => {
  it('groups the labels with a grouping accuracy of 0.889 (128/144) at similarity 0.3, 0.4 and 0.5', () => {
    // The misses are two labels that name one event with different words in it: "tool call search|fetch|summarize
    // timed out" (three tool names; "call" is not a noun that introduces a name) and "HTTP status 429 Too Many
    // Requests | 500 Internal Server Error" (two reasons). Different words make different events by design: the
    // operator reads them apart; the loghub benchmark below measures the same rule on real data.
    for (const similarity of [0.3, 0.4, 0.5]) {
      const miner = new TemplateMiner({ similarity, maxClusters: 1000 });
      const clusterIds = fixture.map((f) => miner.add(f.line).id);
      const templates = miner.templates();
      const templateOf = new Map(templates.flatMap((t) => t.members.map((m) => [m.id, t.id] as const)));
      const ga = groupingAccuracy(
        fixture.map((f) => f.label),
        clusterIds.map((id) => templateOf.get(id)!)
      );
      expect(Math.round(ga * fixture.length)).toBe(128);
      expect(templates).toHaveLength(19);
    }
  });

  it('gives readable templates with wildcards only where lines differ', () => {
    const texts = mine(fixture.map((f) => f.line.message))
      .templates()
      .map(templateText);
    expect(texts).toContain('Failed password for root from <IP> port <NUM> ssh2');
    expect(texts).toContain("<*> Failed with result 'exit-code'.");
    expect(texts).toContain('Invalid user <*> from <IP> port <NUM>');
  });

  it('is stable under reordering: any permutation yields the same templates and counts', () => {
    const canonical = (items: Labelled[]) =>
      mine(items.map((i) => i.line.message))
        .templates()
        .map((c) => `${c.count} ${templateText(c)}`)
        .sort();
    const expected = canonical(fixture);
    fc.assert(
      fc.property(fc.shuffledSubarray(fixture, { minLength: fixture.length, maxLength: fixture.length }), (perm) => {
        expect(canonical(perm)).toEqual(expected);
      }),
      { numRuns: 30, seed: 6 }
    );
  });
});

describe('what may merge', () => {
  it('keeps lines apart that differ in a plain word, and joins lines that differ in variables', () => {
    const texts = mine([
      '[instance: b9000564-fe1a-409b-b8cc-1e88b294cd1d] VM Started (Lifecycle Event)',
      '[instance: 01234567-fe1a-409b-b8cc-1e88b294cd1d] VM Stopped (Lifecycle Event)',
      '[instance: 89abcdef-fe1a-409b-b8cc-1e88b294cd1d] VM Started (Lifecycle Event)',
    ])
      .templates()
      .map(templateText);
    expect(texts).toEqual([
      '[instance: <UUID>] VM Started (Lifecycle Event)',
      '[instance: <UUID>] VM Stopped (Lifecycle Event)',
    ]);
  });

  it('joins lines whose variables have different shapes at one position, keeping the key they share', () => {
    expect(
      mine(['rhost=10.1.2.3 failed', 'rhost=host-10-1-2-3.example.net failed']).templates().map(templateText)
    ).toEqual(['rhost=<*> failed']);
  });

  it('keeps an event with one more key=value field apart from the event without it', () => {
    const lines = [
      ...['10.0.0.1', '10.0.0.2', 'a-1.example.net'].map((h) => `auth failure; uid=0 rhost=${h}`),
      ...['root', 'git', 'ftp', 'uucp', 'mysql', 'sshd'].map(
        (u, i) => `auth failure; uid=0 rhost=10.0.0.${i} user=${u}`
      ),
    ];
    expect(mine(lines).templates().map(templateText).sort()).toEqual([
      'auth failure; uid=<NUM> rhost=<*>',
      'auth failure; uid=<NUM> rhost=<IP> user=<*>',
    ]);
  });

  it('takes the plain values of a key to be values of it when that key holds a variable elsewhere', () => {
    const lines = ['10.0.0.1', '10.0.0.2', 'zummit.com', '10.0.0.3'].map((h) => `auth failure; tty=ssh rhost=${h}`);
    expect(mine(lines).templates().map(templateText)).toEqual(['auth failure; tty=ssh rhost=<*>']);
  });

  it('merges templates that differ only in how many variables they hold (optional parentheses, number lists)', () => {
    const t = mine([
      'proxy.example.net:5070 close, 0 bytes sent, 0 bytes received, lifetime 00:01',
      'proxy.example.net:5070 close, 451 bytes sent, 18846 bytes (18.4 KB) received, lifetime <1 sec',
      'proxy.example.net:5070 close, 1573 bytes (1.53 KB) sent, 16743 bytes (16.3 KB) received, lifetime 01:01',
    ]).templates();
    expect(t).toHaveLength(1);
    expect(t[0].count).toBe(3);
  });

  it('turns a word position with five or more values into a variable, not one with four', () => {
    const jobs = (names: string[]) =>
      names.map((n) => `${n}: scheduler told me to run this job; however the start is later. Ignoring.`);
    expect(mine(jobs(['alpha', 'beta', 'gamma', 'delta', 'epsilon'])).templates()).toHaveLength(1);
    expect(mine(jobs(['Paused', 'Resumed', 'Started', 'Stopped'])).templates()).toHaveLength(4);
  });
});

describe('bookkeeping', () => {
  it('keeps memory bounded: never more than maxClusters templates, evicted lines counted', () => {
    const miner = new TemplateMiner({ similarity: 0.4, maxClusters: 5 });
    for (let i = 0; i < 2000; i++) {
      // 60 shapes (token counts differ, so none can merge) cycling: each returns after its template was evicted.
      miner.add(line(`event ${'x '.repeat(i % 60)}end`, i));
      expect(miner.size).toBeLessThanOrEqual(5);
    }
    expect(miner.evicted.templates).toBe(2000 - 5);
    const counted = miner.clustersLive().reduce((s, c) => s + c.count, 0);
    expect(counted + miner.evicted.lines).toBe(2000);
  });

  it('evicts the oldest tenth at once when the bound is reached (one sort for many new templates)', () => {
    const miner = new TemplateMiner({ similarity: 0.4, maxClusters: 100 });
    // 101 different words first: 101 live templates (they merge only in the final step).
    const word = (n: number) => String.fromCharCode(97 + (n % 26)) + String.fromCharCode(97 + Math.floor(n / 26));
    for (let i = 0; i <= 100; i++) {
      miner.add(line(`${word(i)} failed to start`, i));
    }
    expect(miner.size).toBe(90);
    expect(miner.evicted).toEqual({ templates: 11, lines: 11 });
    // The newest stays, the oldest went.
    const live = miner.clustersLive().map((c) => c.tokens[0]);
    expect(live).toContain(word(100));
    expect(live).not.toContain(word(0));
  });

  it('evicts the least recently used template, not a busy one', () => {
    const miner = new TemplateMiner({ similarity: 0.4, maxClusters: 2 });
    miner.add(line('disk full at 91%', 1));
    miner.add(line('fan speed low now please', 2));
    miner.add(line('disk full at 97%', 3));
    miner.add(line('a brand new kind of line here today', 4));
    expect(miner.clustersLive().map(templateText)).toEqual([
      'disk full at <NUM>%',
      'a brand new kind of line here today',
    ]);
    expect(miner.evicted).toEqual({ templates: 1, lines: 1 });
  });

  it('keeps up to three distinct examples, the units and hosts, and the values of each variable', () => {
    const miner = new TemplateMiner({ similarity: 0.4, maxClusters: 10 });
    ['api-0', 'api-0', 'worker-1', 'api-0'].forEach((pod, i) =>
      miner.add(line(`Back-off restarting failed container in pod ${pod}`, i, `h${i}`, `u${i}`))
    );
    const [t] = miner.templates();
    expect(t.examples).toEqual([
      'Back-off restarting failed container in pod api-0',
      'Back-off restarting failed container in pod worker-1',
    ]);
    expect([...t.hosts]).toEqual(['h0', 'h1', 'h2', 'h3']);
    expect([...t.values[6]!.counts]).toEqual([
      ['api-0', 3],
      ['worker-1', 1],
    ]);
  });

  it('marks a burst when a template returns after a quiet period', () => {
    const miner = new TemplateMiner({ similarity: 0.4, maxClusters: 10, quietMs: 600_000, windowStart: 0 });
    [60_000, 120_000, 2_000_000, 2_010_000, 2_020_000].forEach((t) => miner.add(line('link down on eth0', t)));
    const [c] = miner.templates();
    expect(c.bursts).toEqual([{ at: 2_000_000, quietMs: 1_880_000, count: 3 }]);
  });
});
