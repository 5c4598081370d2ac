/**
 * Backups of indicators before they are deleted, in the portal's CSV import format plus the two
 * columns the portal format lacks (Application, EducateUrl; see formatIndicatorCsv 'backup'), so
 * `mde-console indicators import BACKUP.csv --write` restores them. Written BEFORE the first
 * delete call; mode 0600.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIndicatorCsv } from '../domain/indicators/index.js';
import type { Indicator } from '../domain/types.js';
import { backupDir } from './paths.js';

/** Writes the backup and returns its path. Throws (one line) when it cannot be written: then nothing may be deleted. */
export function writeDeleteBackup(indicators: readonly Indicator[], opts: { now: Date; dir?: string }): string {
  const dir = opts.dir ?? backupDir();
  const stamp = opts.now.toISOString().replace(/[:.]/g, '-');
  const path = join(dir, `indicators-deleted-${stamp}-${indicators.length}.csv`);
  const text = formatIndicatorCsv(indicators, { columns: 'backup' });
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    throw new Error(`cannot write the delete backup ${path}: ${(e as Error).message.split('\n')[0]}; nothing was deleted`);
  }
  return path;
}
