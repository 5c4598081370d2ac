/**
 * Semantic colours. Components name a role ("status.fail"), never a raw colour, so a monochrome
 * theme can serve NO_COLOR / --no-color. Status is never shown by colour alone: STATUS_SYMBOL and
 * the status word always go with it.
 */
import { createContext, useContext } from 'react';

export type Role =
  | 'text.primary'
  | 'text.dim'
  | 'text.accent'
  | 'status.ok'
  | 'status.warn'
  | 'status.fail'
  | 'status.unknown'
  | 'badge.demo'
  | 'badge.live'
  | 'badge.readonly'
  | 'badge.write'
  | 'ui.selection'
  | 'ui.border'
  | 'ui.key';

export interface Theme {
  name: 'default' | 'mono';
  /** undefined = the terminal's default colour. */
  color(role: Role): string | undefined;
  /** Whether inverse video is used for selection (always, so it works without colour). */
  inverseSelection: true;
}

const DEFAULT_COLORS: Record<Role, string | undefined> = {
  'text.primary': undefined,
  'text.dim': 'gray',
  'text.accent': 'cyan',
  // The 16 ANSI colours follow the user's terminal palette, so light and dark backgrounds both work.
  'status.ok': 'green',
  'status.warn': 'yellow',
  'status.fail': 'red',
  'status.unknown': 'magenta',
  'badge.demo': 'magenta',
  'badge.live': 'cyan',
  'badge.readonly': 'green',
  'badge.write': 'red',
  'ui.selection': 'cyan',
  'ui.border': 'gray',
  'ui.key': 'cyan',
};

export const defaultTheme: Theme = { name: 'default', color: (role) => DEFAULT_COLORS[role], inverseSelection: true };
export const monoTheme: Theme = { name: 'mono', color: () => undefined, inverseSelection: true };

export function themeFor(color: boolean): Theme {
  return color ? defaultTheme : monoTheme;
}

export const ThemeContext = createContext<Theme>(defaultTheme);
export const useTheme = (): Theme => useContext(ThemeContext);

export type Status = 'OK' | 'WARN' | 'FAIL' | 'UNKNOWN';

export const STATUS_SYMBOL: Record<Status, string> = { OK: '✓', WARN: '!', FAIL: '✗', UNKNOWN: '?' };
export const STATUS_ROLE: Record<Status, Role> = { OK: 'status.ok', WARN: 'status.warn', FAIL: 'status.fail', UNKNOWN: 'status.unknown' };
