import { FRESH, isOpen, scanLine } from './scan';

const pairs = (text: string) => scanLine(text).pairs.map((p) => [p.key, p.kind, p.value]);

describe('scanLine', () => {
  it('reads Python reprs, JSON, logfmt and key: value text into pairs with their value kinds', () => {
    expect(pairs(`prompt: 'a b', params: SamplingParams(n=1, stop=['x'])`)).toEqual([
      ['prompt', 'string', 'a b'],
      ['params', 'scalar', 'SamplingParams'],
      ['n', 'scalar', '1'],
      ['stop', 'struct', undefined],
    ]);
    expect(pairs(`{"model": "q", "messages": [{"role": "user"}], "n": 2}`)).toEqual([
      ['model', 'string', 'q'],
      ['messages', 'struct', undefined],
      ['role', 'string', 'user'],
      ['n', 'scalar', '2'],
    ]);
    expect(pairs('level=DEBUG msg="chat request" images=0')).toEqual([
      ['level', 'scalar', 'DEBUG'],
      ['msg', 'string', 'chat request'],
      ['images', 'scalar', '0'],
    ]);
  });

  it('never reads keys inside strings, whatever escapes and quotes they hold', () => {
    const r = scanLine(`prompt: 'it\\'s "model": \\'x\\' = prompt: y', n=1`);
    expect(r.pairs.map((p) => p.key)).toEqual(['prompt', 'n']);
    expect(r.pairs[0].value).toBe(`it\\'s "model": \\'x\\' = prompt: y`);
  });

  it('an apostrophe in prose does not open a string', () => {
    expect(pairs(`can't open input: 'x'`).map((p) => p[0])).toEqual(['input']);
  });

  it('records the structures around a pair and the outermost bracket on the line', () => {
    const r = scanLine(`out={'meta_info': {'finish_reason': {'type': 'stop'}}}`);
    const type = r.pairs.find((p) => p.key === 'type')!;
    expect(type.parents).toEqual(['out', 'meta_info', 'finish_reason']);
    expect(type.outer).toBe(4);
    expect(r.pairs[0].outer).toBe(-1);
  });

  it('reports an open string or bracket at the end of the line and reads on from it', () => {
    const first = scanLine(`prompt: 'half of a long`);
    expect(first.end).toEqual({ quote: "'", depth: 0, keys: [] });
    expect(isOpen(first.end)).toBe(true);
    const second = scanLine(` prompt\\' still', model: 'm1'`, first.end);
    expect(second.closedAt).toBe(16);
    expect(second.pairs.map((p) => p.key)).toEqual(['model']);
    expect(isOpen(second.end)).toBe(false);
  });

  it('carries the names of open structures to the next line', () => {
    const first = scanLine('{ "messages": [');
    expect(first.end).toEqual({ quote: '', depth: 2, keys: ['', 'messages'] });
    const second = scanLine('{"role": "user"}', first.end);
    expect(second.pairs[0].parents).toEqual(['', 'messages', '']);
    expect(scanLine('"x": 1', { quote: '', depth: 1 }).pairs[0].parents).toEqual(['?']);
  });

  it('treats a fresh state as closed', () => {
    expect(isOpen(FRESH)).toBe(false);
    expect(scanLine('').end).toEqual({ quote: '', depth: 0, keys: [] });
  });
});
