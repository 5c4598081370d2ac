// Bundles the console into dist/ so the bin starts without compiling TypeScript.
// `--if-stale` skips the build when dist is newer than every source file (used by npm start/test).
import { build } from 'esbuild';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['src', 'screens', 'hooks', 'package.json', 'esbuild.config.mjs'];
const outfile = 'dist/cli.js';

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

if (process.argv.includes('--if-stale') && existsSync(outfile)) {
  const built = statSync(outfile).mtimeMs;
  if (roots.every((root) => !existsSync(root) || newestMtime(root) <= built)) process.exit(0);
}

await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // Heavy SDKs (@azure/identity, the Graph client) are loaded with dynamic import() only on the
  // paths that sign in; splitting keeps them out of the start-up chunk.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink imports react-devtools-core only when DEV is set; in an ESM bundle the optional import
  // becomes a hard one, so it is aliased to an empty module.
  alias: { 'react-devtools-core': './src/cli/devtools-stub.ts' },
  // Some CommonJS dependencies call require(); give the ESM bundle a real one.
  banner: { js: "import { createRequire as __mdeCreateRequire } from 'node:module'; const require = __mdeCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
