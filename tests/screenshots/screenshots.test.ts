/**
 * @jest-environment node
 */
import { join } from 'node:path';
import { MIN_CONTRAST, runScreenshots, type ScreenshotRun } from '../../scripts/screenshots';
import { tempDir } from '../helpers/processes';

// The harness behind `npm run screenshots`, run here into a temp dir: every page in both themes, with the corpora,
// real Prometheus and node_exporter, and the vLLM simulator. Without the corpora it skips outside CI (corpus()).
describe('screenshots of the reworked pages', () => {
  const out = tempDir('shots');
  let run: ScreenshotRun | undefined;

  beforeAll(async () => {
    run = await runScreenshots({ outDir: out.dir });
  }, 900_000);
  afterAll(() => out.remove());

  const maybe = (name: string, fn: (r: ScreenshotRun) => void) =>
    it(name, () => {
      if (!run) {
        return; // corpus() already said why (and threw in CI)
      }
      fn(run);
    });

  maybe('the measures notice what they are there to catch (positive controls)', (r) => {
    expect(r.controls.page.lowContrast.map((l) => l.text)).toContain('Light grey on white: about 1.9:1');
    expect(r.controls.page.lowContrast[0].ratio).toBeLessThan(2);
    expect(r.controls.page.overflowPx).toBeGreaterThan(600);
    expect(r.controls.blank.colours).toBeLessThanOrEqual(2);
  });

  maybe('renders rules, drawer, triage, the monthly report and configuration in light and dark', (r) => {
    expect(r.shots.map((s) => `${s.name}-${s.theme}`).sort()).toEqual(
      ['config', 'report', 'rules', 'rules-drawer', 'triage'].flatMap((n) => [`${n}-dark`, `${n}-light`]).sort()
    );
    for (const s of r.shots) {
      expect(s.file.startsWith(join(out.dir, '/'))).toBe(true);
    }
  });

  maybe('every PNG is 1280 px wide and not blank', (r) => {
    for (const s of r.shots) {
      expect({ shot: `${s.name}-${s.theme}`, width: s.image.width, rich: s.image.colours > 50 && s.image.spread > 100 }).toEqual({
        shot: `${s.name}-${s.theme}`,
        width: 1280,
        rich: true,
      });
    }
  });

  maybe('no page scrolls sideways at 1280 px', (r) => {
    for (const s of r.shots) {
      expect({ shot: `${s.name}-${s.theme}`, overflowPx: s.measures.overflowPx, overflowing: s.measures.overflowing }).toEqual({
        shot: `${s.name}-${s.theme}`,
        overflowPx: 0,
        overflowing: [],
      });
    }
  });

  maybe(`no text below ${MIN_CONTRAST}:1, measured in the page`, (r) => {
    for (const s of r.shots) {
      expect(s.measures.textNodes).toBeGreaterThan(30);
      expect({ shot: `${s.name}-${s.theme}`, low: s.measures.lowContrast }).toEqual({ shot: `${s.name}-${s.theme}`, low: [] });
    }
  });
});
