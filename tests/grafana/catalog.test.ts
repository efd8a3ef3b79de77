/** @jest-environment node */
// What the plugin catalog shows: src/README.md (copied into dist/ by create-plugin's copyFiles), LICENSE and the
// links in plugin.json. Users read these first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pluginJson from '../../src/plugin.json';

const root = join(__dirname, '../..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

describe('catalog readiness', () => {
  const readme = read('src/README.md');

  it('src/README.md says what it does, what it needs, how to install and configure', () => {
    for (const heading of ['## What it does', '## Requirements', '## Install', '## Configure']) {
      expect(readme).toContain(heading);
    }
    expect(readme).toMatch(/Grafana 13/);
  });

  it('src/README.md carries no dev-stack secrets or logins', () => {
    for (const secret of ['sovgrid-dev-key', 'viewer-dev', 'admin / admin', 'admin/admin', 'GRAFANA_ADMIN_PASSWORD']) {
      expect(readme).not.toContain(secret);
    }
  });

  it('LICENSE is the Apache 2.0 text with a real copyright line, no template placeholders', () => {
    const license = read('LICENSE');
    expect(license).toMatch(/Apache License\s+Version 2\.0/);
    expect(license).toMatch(/^\s*Copyright \d{4} \S/m);
    expect(license).not.toMatch(/\{yyyy\}|\{name of copyright owner\}|\[yyyy\]/);
    expect(pluginJson.info.links.some((l) => l.url === 'https://www.apache.org/licenses/LICENSE-2.0')).toBe(true);
  });
});
