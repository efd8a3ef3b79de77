import { annotationsQuery, parseAnnotations } from './annotations';

describe("Grafana's annotation list", () => {
  it('keeps well-formed items newest first: a missing or earlier end is the start, junk fields dropped', () => {
    expect(
      parseAnnotations([
        { id: 1, time: 10, text: 'a', tags: ['t', 3], login: 'op' },
        { id: 2, time: 20, timeEnd: 30, text: 'b' },
        { id: 3, time: 40, timeEnd: 35, text: 7, tags: 'x' },
        { text: 'no time' },
        { time: '5' },
        null,
        'junk',
      ])
    ).toEqual([
      { id: 3, time: 40, timeEnd: 40, text: '', tags: [], login: '' },
      { id: 2, time: 20, timeEnd: 30, text: 'b', tags: [], login: '' },
      { id: 1, time: 10, timeEnd: 10, text: 'a', tags: ['t'], login: 'op' },
    ]);
  });

  it('refuses an answer that is not a list (an error object from a proxy or an old Grafana)', () => {
    expect(() => parseAnnotations({ message: 'Unauthorized' })).toThrow(
      'the annotations API did not answer with a list'
    );
    expect(parseAnnotations([])).toEqual([]);
  });

  it('asks for user annotations with every tag, over whole milliseconds, in another org when told', () => {
    const q = new URLSearchParams(
      annotationsQuery({ tags: ['customer-visible', 'acme'], from: 1.5, to: 2.2, limit: 50, orgId: 7 })
    );
    expect(q.getAll('tags')).toEqual(['customer-visible', 'acme']);
    expect([
      q.get('targetOrgId'),
      q.get('matchAny'),
      q.get('type'),
      q.get('from'),
      q.get('to'),
      q.get('limit'),
    ]).toEqual(['7', 'false', 'annotation', '1', '3', '50']);
    expect(new URLSearchParams(annotationsQuery({ tags: [], from: 1, to: 2, limit: 1 })).has('targetOrgId')).toBe(
      false
    );
  });
});
