import { initPluginTranslations } from '@grafana/i18n';
import { loadResources } from '@grafana/scenes';
import { logger } from './logger';
import { PLUGIN_ID } from './pluginId';

let loading: Promise<void> | undefined;

/**
 * Registers the plugin's and scenes' UI strings (time picker, refresh picker…) with Grafana's i18n, once for
 * both lazy chunks. A failure is logged and the pages render anyway, with the source-language strings.
 */
export function loadTranslations(): Promise<void> {
  loading ??= initPluginTranslations(PLUGIN_ID, [loadResources]).then(
    () => undefined,
    (e: unknown) => logger.warn('translations could not be loaded; showing untranslated text', { error: String(e) })
  );
  return loading;
}
