/** @jest-environment node */
// src/plugin.json against Grafana's own plugin schema (docs/grafana-contract.md, "plugin.json schema"): the copy
// in ../shared/grafana is grafana/plugin-validator's config/plugin.schema.json, which the catalog applies.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { sharedFile } from '../helpers/sharedData';

const schemaFile = sharedFile('grafana/plugin.schema.json');
const pluginJsonText = readFileSync(join(__dirname, '../../src/plugin.json'), 'utf8');
const packageVersion: string = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).version;

function compile(path: string): ValidateFunction {
  // Draft-07 patterns are ECMA-262 regexes without the `u` flag (the schema escapes `-` as `\-`, invalid with `u`).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(path, 'utf8')));
}

function errorsOf(validate: ValidateFunction, doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

/** plugin.json as the production build writes it to dist/ (ReplaceInFileWebpackPlugin in .config/webpack). */
function asBuilt(): unknown {
  return JSON.parse(
    pluginJsonText
      .replace(/%VERSION%/g, packageVersion)
      .replace(/%TODAY%/g, '2026-11-29')
      .replace(/%PLUGIN_ID%/g, 'sovgrid-ops-app')
  );
}

if (!schemaFile.found) {
  it.skip(`plugin.json schema validation skipped: ${schemaFile.reason}`, () => undefined);
} else {
  const validate = compile(schemaFile.path);
  const source = (): Record<string, any> => JSON.parse(pluginJsonText);

  describe('src/plugin.json against Grafana plugin.schema.json (draft-07, ajv 8 + ajv-formats)', () => {
    it('is valid as committed (with the build placeholders) and as built into dist/', () => {
      expect(errorsOf(validate, source())).toEqual([]);
      expect(errorsOf(validate, asBuilt())).toEqual([]);
    });

    it('refuses the 6-character link title Grafana rejected (positive control of the minLength check)', () => {
      const doc = source();
      doc.extensions.addedLinks[0].title = 'Triage';
      expect(errorsOf(validate, doc)).toEqual(['/extensions/addedLinks/0/title must NOT have fewer than 10 characters']);
    });

    it('checks formats and the required fields (ajv-formats is active, the schema is not empty)', () => {
      const doc = source();
      doc.info.links[0].url = 'not a url';
      delete doc.dependencies;
      expect(errorsOf(validate, doc)).toEqual(
        expect.arrayContaining(['/info/links/0/url must match format "uri"', "/ must have required property 'dependencies'"])
      );
    });

    it('has catalog links, each a real absolute URL', () => {
      const links: Array<{ name: string; url: string }> = source().info.links;
      expect(links.length).toBeGreaterThan(0);
      for (const l of links) {
        expect(new URL(l.url).protocol).toBe('https:');
      }
    });
  });
}
