/**
 * `node:http` for the bundle's ESM imports (`import http from 'node:http'` in the Azure HTTP runtime,
 * MSAL's loopback client and the simulator), loaded with require. The bundle sends those imports
 * here (esbuild.options.mjs).
 *
 * Why: Node builds the ESM view of a built-in module by reading every export, and `node:http`
 * exports `WebSocket`, `CloseEvent` and `MessageEvent` as getters that load Node's fetch and
 * WebSocket implementation (undici), which the console never uses: ~3 MB of heap for the session
 * (issue 9). require returns the module object without reading them. Only the default export is
 * offered: a named import of this module fails the build instead of reading undefined.
 */
import { createRequire } from 'node:module';

const http: typeof import('node:http') = createRequire(import.meta.url)('node:http');
export default http;
