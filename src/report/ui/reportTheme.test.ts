import { createTheme } from '@grafana/data';
import { LIGHT_REPORT_THEME, reportThemeOf } from './reportTheme';

it("the report's tokens are Grafana's light theme", () => {
  expect(reportThemeOf(createTheme({ colors: { mode: 'light' } }))).toEqual(LIGHT_REPORT_THEME);
});
