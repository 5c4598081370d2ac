/** Two footer lines: key hints for the current screen, then the command line or the last notice. */
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import { hintsFor, type ScreenId } from '../../src/keymap/index.js';
import type { AppStore } from '../../src/stores/appStore.js';
import { useTheme } from '../theme.js';

export function Footer({ store, width, hasList, extraHints }: { store: AppStore; width: number; hasList: boolean; extraHints?: { key: string; label: string }[] }) {
  const theme = useTheme();
  const screen: ScreenId = useStore(store, (s) => s.screen);
  const line = useStore(store, (s) => s.commandLine);
  const notice = useStore(store, (s) => s.notice);

  const hints = [...(extraHints ?? []), ...hintsFor(screen, hasList)];

  let second;
  if (line.open) {
    const candidates = line.candidates.length > 0 ? `   ${line.candidates.map((c) => `:${c}`).join('  ')}` : '';
    second = (
      <Text wrap="truncate-end">
        <Text bold color={theme.color('text.accent')}>
          :
        </Text>
        {line.text}
        <Text inverse> </Text>
        <Text color={theme.color('text.dim')}>{candidates}</Text>
      </Text>
    );
  } else if (notice) {
    second = (
      <Text wrap="truncate-end" color={theme.color(notice.level === 'error' ? 'status.fail' : 'text.dim')}>
        {notice.level === 'error' ? '✗ error: ' : '· '}
        {notice.text}
      </Text>
    );
  } else {
    second = <Text> </Text>;
  }

  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        {hints.map((h, i) => (
          <Text key={`${h.key}-${h.label}-${i}`}>
            <Text bold color={theme.color('ui.key')}>
              {h.key}
            </Text>
            <Text color={theme.color('text.dim')}> {h.label}  </Text>
          </Text>
        ))}
      </Text>
      {second}
    </Box>
  );
}
