/** Which component draws each screen. Each screen's folder holds its own work. */
import type { ScreenTable } from './App.js';
import { screen as health } from './health/index.js';
import { screen as indicators } from './indicators/index.js';
import { screen as stream } from './stream/index.js';
import { screen as sync } from './sync/index.js';

export const SCREEN_TABLE: ScreenTable = { health, indicators, sync, stream };
