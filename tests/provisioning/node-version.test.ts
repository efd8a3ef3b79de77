/**
 * @jest-environment node
 */
// One Node version story: the machines run Node 20, and every file that names a Node version says so.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCompose } from './compose';
import { ROOT } from './files';

const major = readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim();

describe('Node version', () => {
  it('.nvmrc is the major this machine runs, and engines allow it', () => {
    expect(major).toBe('20');
    expect(process.versions.node.split('.')[0]).toBe(major);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(`>=${major}`);
  });

  it('every node image of the compose stack is that major', () => {
    const images = [...loadCompose().services.values()].map((s) => s.image ?? '').filter((i) => i.startsWith('node:'));
    expect(images.length).toBeGreaterThan(0);
    for (const i of images) {
      expect(i).toMatch(new RegExp(`^node:${major}\\.`));
    }
  });

  it('every CI workflow takes its Node from .nvmrc', () => {
    const dir = join(ROOT, '.github/workflows');
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect([f, /node-version:/.test(text)]).toEqual([f, false]);
      if (text.includes('actions/setup-node')) {
        expect([f, text.includes("node-version-file: '.nvmrc'")]).toEqual([f, true]);
      }
    }
  });

  it('the README says the same', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`Node ${major} is what this project supports and tests`);
  });
});
