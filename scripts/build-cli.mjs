#!/usr/bin/env node
// Compiles each command line (src/cli/<name>.ts) into one JavaScript file, dist-cli/<name>.cjs, so `npm run <name>`
// starts in Node's own time instead of a TypeScript loader's. Runs on `npm install` (prepare), after `npm run build`,
// and from scripts/cli.mjs when a source file is newer than the build. `node scripts/build-cli.mjs [name…]`.
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'dist-cli');

/** Names of the command lines: every src/cli/*.ts that is not a test. */
export function cliNames() {
  return readdirSync(join(ROOT, 'src', 'cli'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

// A command line that reached Grafana's or React's browser code would bundle megabytes and break at start-up.
// React itself and react-dom/server are not browser code: the report renders its document with them in Node.
const SERVER_REACT = new Set(['react', 'react/jsx-runtime', 'react-dom/server', 'react-dom/server.node']);
const browserOnly = {
  name: 'browser-only',
  setup(b) {
    b.onResolve({ filter: /^(@grafana\/|react($|\/|-dom))/ }, (args) =>
      // react-dom's server renderer reads the shared internals of react-dom's index (no client renderer in React 19).
      SERVER_REACT.has(args.path) || (args.path === 'react-dom' && /node_modules[\\/]react-dom[\\/]/.test(args.importer))
        ? undefined
        : { errors: [{ text: `${args.path} is browser code; command lines must not import it (from ${relative(ROOT, args.importer)})` }] }
    );
  },
};

// The PromQL grammar decodes its tables when its module runs (~7 ms of every start-up), and the direct parser
// (src/rules/promql/fastTree.ts) leaves most rule sets nothing for it: command lines load it on first parse.
const lazyPromqlGrammar = {
  name: 'lazy-promql-grammar',
  setup(b) {
    b.onResolve({ filter: /^@prometheus-io\/lezer-promql$/ }, (args) =>
      args.kind === 'require-call' ? undefined : { path: 'lezer-promql', namespace: 'lazy-grammar' }
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-grammar' }, () => ({
      contents:
        'let grammar;\n' +
        "export const parser = { parse: (...a) => (grammar ??= require('@prometheus-io/lezer-promql').parser).parse(...a) };\n",
      resolveDir: ROOT,
      loader: 'js',
    }));
  },
};

/** Writes a file so that a concurrent reader sees the old or the new one, never half of it. */
function writeAtomically(path, contents) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

/** Builds the named command lines (all by default); each bundle is written with the list of sources it came from. */
export async function buildClis(names = cliNames()) {
  const { build } = await import('esbuild');
  mkdirSync(OUT_DIR, { recursive: true });
  for (const name of names) {
    const result = await build({
      entryPoints: [join(ROOT, 'src', 'cli', `${name}.ts`)],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile: join(OUT_DIR, `${name}.cjs`),
      sourcemap: 'linked',
      metafile: true,
      write: false,
      logLevel: 'warning',
      plugins: [browserOnly, lazyPromqlGrammar],
      // Playwright locates its own files (driver, registry) relative to its package: loaded from node_modules.
      external: ['playwright-core'],
      // React's production build only (the bundle would otherwise carry both, chosen at run time).
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    // Files only: a plugin's virtual module (the lazy grammar shim) has no time to compare, and would look stale.
    const inputs = Object.keys(result.metafile.inputs)
      .map((p) => relative(ROOT, join(ROOT, p)))
      .filter((p) => existsSync(join(ROOT, p)));
    for (const f of result.outputFiles) {
      writeAtomically(f.path, f.contents);
    }
    // Written last: a build interrupted before this point is seen as stale and redone.
    writeAtomically(join(OUT_DIR, `${name}.inputs.json`), JSON.stringify(inputs));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const names = process.argv.slice(2);
  buildClis(names.length ? names : undefined).catch((e) => {
    console.error(`build-cli: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
}
