import { incidentsUrl, parseIncidents } from './annotations';

describe('incident annotations', () => {
  it('asks Grafana for incident-tagged annotations of the range', () => {
    const url = new URL(incidentsUrl(1000.4, 2000.2), 'http://grafana');
    expect(url.pathname).toBe('/api/annotations');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tags: 'incident',
      matchAny: 'false',
      type: 'annotation',
      from: '1000',
      to: '2001',
      limit: '100',
    });
  });

  it('parses the API list, newest first, dropping malformed and untagged entries', () => {
    const body = [
      { id: 1, time: 100, timeEnd: 100, text: 'old', tags: ['incident'], login: 'op' },
      { id: 2, time: 300, timeEnd: 250, text: 'bad end', tags: ['incident', 'spark'] },
      { id: 3, time: 200, text: 'not an incident', tags: ['deploy'] },
      { id: 'x', time: 1 },
      null,
    ];
    const incidents = parseIncidents(body);
    expect(incidents.map((i) => [i.id, i.time, i.timeEnd, i.text, i.login])).toEqual([
      [2, 300, 300, 'bad end', ''],
      [1, 100, 100, 'old', 'op'],
    ]);
  });

  it('rejects a body that is not a list', () => {
    expect(() => parseIncidents({ message: 'Unauthorized' })).toThrow(/not answer with a list/);
  });
});
