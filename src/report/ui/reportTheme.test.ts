import { createTheme } from '@grafana/data';
import { LIGHT_REPORT_THEME, reportThemeOf } from './reportTheme';
import { statusColor, statusTextColor } from './reportStyles';

it("the report's tokens are Grafana's light theme", () => {
  expect(reportThemeOf(createTheme({ colors: { mode: 'light' } }))).toEqual(LIGHT_REPORT_THEME);
});

// WCAG 2 contrast of two opaque #rrggbb colours.
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const s = parseInt(hex.slice(i, i + 2), 16) / 255;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

it('every headline status reads at 4.5:1 or better on the headline box (text variant, not the bar colour)', () => {
  const t = LIGHT_REPORT_THEME;
  const statuses = ['meeting', 'at-risk', 'breaching', 'no-data'];
  const ratios = Object.fromEntries(statuses.map((s) => [s, contrast(statusTextColor(t, s), t.backgroundSecondary) >= 4.5]));
  expect(ratios).toEqual(Object.fromEntries(statuses.map((s) => [s, true])));
  // Positive control: the bar colours themselves are too light for text, which is why the text uses another colour.
  expect(contrast(statusColor(t, 'at-risk'), t.backgroundSecondary)).toBeLessThan(4.5);
});
