import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where config.json lives: $MDE_CONSOLE_CONFIG, else $XDG_CONFIG_HOME/mde-console/config.json, else
 * ~/.config/mde-console/config.json (XDG Base Directory default).
 */
export function configFilePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MDE_CONSOLE_CONFIG) return env.MDE_CONSOLE_CONFIG;
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'mde-console', 'config.json');
}
