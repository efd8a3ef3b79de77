import { parseAnnotations } from '../shared/annotations';
import { annotationsUrl } from './sources';
import { incidentsInPeriod, incidentTitle } from './incidents';

const period = { kind: 'month' as const, start: 1000, end: 5000, rangeSeconds: 4000, label: 'October 2026' };

describe('incidents', () => {
  it("keeps only the tenant's customer-visible annotations overlapping the month, clipped and flagged", () => {
    const raw = [
      { time: 2_000_000, timeEnd: 2_600_000, text: 'ok', tags: ['customer-visible', 'acme'] },
      { time: 2_000_000, timeEnd: 2_600_000, text: 'other tenant', tags: ['customer-visible', 'globex'] },
      { time: 2_000_000, timeEnd: 2_600_000, text: 'internal', tags: ['acme'] },
      { time: 500_000, timeEnd: 1_500_000, text: 'began before', tags: ['acme', 'customer-visible'] },
      { time: 4_000_000, timeEnd: 4_000_000, text: 'point', tags: ['customer-visible', 'acme'] },
      { time: 6_000_000, timeEnd: 7_000_000, text: 'after', tags: ['customer-visible', 'acme'] },
    ];
    const out = incidentsInPeriod(raw, 'acme', period);
    expect(out.map((i) => i.title)).toEqual(['began before', 'ok', 'point']);
    expect(out[0].crossesMonth).toBe(true);
    expect(out[1]).toMatchObject({ start: 2000, end: 2600, durationSeconds: 600, crossesMonth: false });
    expect(out[2].end).toBeUndefined();
  });

  it('turns annotation HTML into plain text, cut and redacted', () => {
    expect(incidentTitle('<p>Gateway <b>down</b> &amp; restarted</p><img src="https://x/y.png">')).toBe(
      'Gateway down & restarted'
    );
    expect(incidentTitle('token=ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toContain('[REDACTED');
    expect(incidentTitle('x'.repeat(1000)).length).toBeLessThan(360);
    expect(incidentTitle('<br>')).toBe('Incident');
  });

  it("reads Grafana's annotation list and asks for every tag at once", () => {
    expect(
      parseAnnotations([{ id: 1, time: 1, timeEnd: 2, text: 't', tags: ['a', 3] }, { text: 'no time' }, 'junk'])
    ).toEqual([{ id: 1, time: 1, timeEnd: 2, text: 't', tags: ['a'], login: '' }]);
    expect(() => parseAnnotations({ message: 'Unauthorized' })).toThrow('did not answer with a list');
    const url = new URL(annotationsUrl(['customer-visible', 'acme'], 1000, 5000), 'http://g');
    expect(url.pathname).toBe('/api/annotations');
    expect(url.searchParams.getAll('tags')).toEqual(['customer-visible', 'acme']);
    expect(url.searchParams.get('matchAny')).toBe('false');
    expect(url.searchParams.get('from')).toBe('1000000');
    expect(url.searchParams.get('type')).toBe('annotation');
  });
});
