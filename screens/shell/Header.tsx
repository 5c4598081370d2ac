/** Two header lines: who and in which mode, then the screen tabs. */
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import { SCREENS } from '../../src/keymap/index.js';
import type { AppStore } from '../../src/stores/appStore.js';
import { useTheme } from '../theme.js';

/**
 * Minute precision: every poll success sets the refresh time, and a seconds clock rewrote the whole
 * header line (~340 bytes with its colours) several times a minute on an idle screen (issue 9 budget:
 * ≤ 4 KB written per idle minute). HH:MM changes at most once a minute.
 */
function clock(d: Date): string {
  return d.toTimeString().slice(0, 5);
}

export function Header({ store, version, width }: { store: AppStore; version: string; width: number }) {
  const theme = useTheme();
  const mode = useStore(store, (s) => s.mode);
  const screen = useStore(store, (s) => s.screen);
  const lastRefresh = useStore(store, (s) => s.lastRefresh);

  const badgeMode = mode.demo ? 'DEMO' : 'LIVE';
  const badgeWrite = mode.write ? 'WRITE' : 'READ-ONLY';
  const refreshed = lastRefresh ? `⟳ ${clock(lastRefresh)}` : '⟳ --:--';
  // A tenant GUID is identified by its first block; the profile name carries the rest.
  const tenant = /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(mode.tenantLabel) ? `${mode.tenantLabel.slice(0, 8)}…` : mode.tenantLabel;
  const right = ` [${badgeMode}] [${badgeWrite}] ${refreshed}`;
  const leftWidth = Math.max(10, width - right.length);

  return (
    <Box flexDirection="column" width={width}>
      <Box width={width}>
        <Box width={leftWidth}>
          <Text wrap="truncate-end">
            <Text bold color={theme.color('text.accent')}>
              mde-console
            </Text>
            <Text color={theme.color('text.dim')}> {version} │ </Text>
            <Text>profile {mode.profileName}</Text>
            <Text color={theme.color('text.dim')}> · tenant {tenant}</Text>
          </Text>
        </Box>
        <Text wrap="truncate-end">
          {' '}
          <Text bold color={theme.color(mode.demo ? 'badge.demo' : 'badge.live')}>
            [{badgeMode}]
          </Text>{' '}
          <Text bold color={theme.color(mode.write ? 'badge.write' : 'badge.readonly')}>
            [{badgeWrite}]
          </Text>
          <Text color={theme.color('text.dim')}> {refreshed}</Text>
        </Text>
      </Box>
      <Text wrap="truncate-end">
        {SCREENS.map((s) => {
          const active = s.id === screen;
          return (
            <Text key={s.id}>
              {' '}
              {/* Inverse video marks the current tab, so it shows without colour too. */}
              <Text inverse={active} bold={active} color={active ? theme.color('ui.selection') : undefined}>
                {` ${s.key} ${s.title} `}
              </Text>
            </Text>
          );
        })}
      </Text>
    </Box>
  );
}
