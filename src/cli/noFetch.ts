/**
 * The `fetch` every bundled module sees (esbuild `inject`, esbuild.options.mjs). The console never
 * fetches: in Node the first call of the real `fetch` loads Node's whole fetch implementation
 * (undici: ~760 KB of source, ~3 MB of heap for the session, milliseconds of start-up) for nothing.
 *
 * Bundled code only checks that it exists (the Graph SDK refuses to start without it; our own
 * transport sends its requests) or tries it first and falls back: yoga-layout, Ink's layout engine,
 * fetches its WebAssembly from a data: URL and decodes it directly when that fails. So this is a
 * function whose answer is always a rejection.
 */
export function fetch(input: unknown): Promise<never> {
  const what = typeof input === 'string' ? input.slice(0, 40) : 'a request';
  return Promise.reject(new Error(`fetch is not available in mde-console (asked for ${what}); requests go through the API clients`));
}
