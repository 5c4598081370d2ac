#!/usr/bin/env node
// Entry point. Kept to syntax that old Node versions can parse, so that an unsupported Node
// gets one clear line instead of a syntax error.
var major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write('mde-console: Node.js ' + process.versions.node + ' is too old; install Node.js 22 or newer (https://nodejs.org) and try again.\n');
  process.exit(1);
}
import('../dist/cli.js').catch(function (err) {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).indexOf('dist') !== -1) {
    process.stderr.write('mde-console: the bundle is missing; run `npm run build` first.\n');
  } else {
    process.stderr.write('mde-console: ' + (err && err.message ? err.message : String(err)) + '\n');
  }
  process.exit(1);
});
