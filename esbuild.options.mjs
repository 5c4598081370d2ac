// The bundling options the console is built with (esbuild.config.mjs), shared with the benchmarks
// (bench/run.mjs), so the console and the floors it is measured against are bundled alike.
import { resolve } from 'node:path';

/**
 * `import http from 'node:http'` in an ES module makes Node read every export of `node:http`, and
 * three of them (WebSocket, CloseEvent, MessageEvent) load undici too. Such imports go to a module
 * that requires `node:http` instead (src/cli/nodeHttp.ts); require() calls are left as they are.
 */
function nodeHttpByRequire(root) {
  return {
    name: 'node-http-by-require',
    setup(b) {
      b.onResolve({ filter: /^(node:)?http$/ }, (args) => (args.kind === 'import-statement' || args.kind === 'dynamic-import' ? { path: resolve(root, 'src/cli/nodeHttp.ts') } : undefined));
    },
  };
}

/** Options for a bundle of `root`'s sources (entry points and outdir are the caller's). */
export function bundleOptions(root) {
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Heavy SDKs (@azure/identity, the Graph client) are loaded with dynamic import() only on the
    // paths that sign in; splitting keeps them out of the start-up chunk.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    minify: true,
    legalComments: 'none',
    define: {
      'process.env.NODE_ENV': '"production"',
      // The console never uses fetch. In Node the first read of `FormData`, `Request`, `Response`
      // or `Headers` (or call of `fetch`) loads Node's whole fetch implementation (undici: ~760 KB
      // of source, ~3 MB of heap for the session, milliseconds of start-up), and bundled code reads
      // them only to ask whether they exist: the Azure HTTP runtime asks `typeof FormData` on every
      // request, the Graph SDK `typeof Request` / `typeof Headers`. In the bundle they are
      // undefined; `fetch` itself is src/cli/noFetch.ts (injected below).
      FormData: 'undefined',
      Request: 'undefined',
      Response: 'undefined',
      Headers: 'undefined',
    },
    // Ink imports react-devtools-core only when DEV is set; in an ESM bundle the optional import
    // becomes a hard one, so it is aliased to an empty module.
    alias: { 'react-devtools-core': resolve(root, 'src/cli/devtools-stub.ts') },
    inject: [resolve(root, 'src/cli/noFetch.ts')],
    plugins: [nodeHttpByRequire(root)],
    // Some CommonJS dependencies call require(); give the ESM bundle a real one.
    banner: { js: "import { createRequire as __mdeCreateRequire } from 'node:module'; const require = __mdeCreateRequire(import.meta.url);" },
    logLevel: 'warning',
    absWorkingDir: root,
  };
}
