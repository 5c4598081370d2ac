import { mkdirSync, renameSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ConfigFile } from './schema.js';

/**
 * Writes config.json atomically (temp file in the same directory, then rename) with mode 0600, so a crash never
 * leaves half a file and the file is never readable by others, even for an instant.
 */
export function saveConfig(path: string, file: ConfigFile): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(tmp, 0o600); // umask cannot widen it, but an inherited ACL default could; be explicit.
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
