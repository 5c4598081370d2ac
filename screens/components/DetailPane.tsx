/** Key/value details of one item, scrollable with ↑/↓ (j/k), closed with Esc or Enter. */
import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import { PRIORITY, useClosing, useKeypress } from '../input/InputRouter.js';
import { useTheme, type Role } from '../theme.js';
import { fit } from './text.js';

export interface DetailLine {
  label?: string;
  value: string;
  role?: Role;
  /** A section title line. */
  heading?: boolean;
}

export function DetailPane({ title, lines, onClose, width, height }: { title: string; lines: readonly DetailLine[]; onClose(): void; width: number; height: number }) {
  const theme = useTheme();
  const scrollRef = useRef(0);
  const [, setTick] = useState(0);
  const bodyHeight = Math.max(1, height - 2);
  const max = Math.max(0, lines.length - bodyHeight);
  const { closed, finish } = useClosing();
  useKeypress(
    (e) => {
      if (closed.current) return false;
      if (e.spec === 'escape' || e.spec === 'enter' || e.spec === 'q') finish(onClose);
      else if (e.spec === 'down' || e.spec === 'j') scrollRef.current = Math.min(max, scrollRef.current + 1);
      else if (e.spec === 'up' || e.spec === 'k') scrollRef.current = Math.max(0, scrollRef.current - 1);
      else if (e.spec === 'pagedown' || e.spec === 'space') scrollRef.current = Math.min(max, scrollRef.current + bodyHeight);
      else if (e.spec === 'pageup') scrollRef.current = Math.max(0, scrollRef.current - bodyHeight);
      else if (e.spec === 'g') scrollRef.current = 0;
      else if (e.spec === 'G') scrollRef.current = max;
      else return false;
      setTick((t) => t + 1);
      return true;
    },
    { priority: PRIORITY.dialog },
  );
  const labelWidth = Math.min(28, Math.max(...lines.map((l) => (l.label ? l.label.length : 0)), 8) + 1);
  const scroll = Math.min(scrollRef.current, max);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">
        {title}
      </Text>
      <Box flexDirection="column" height={bodyHeight}>
        {lines.slice(scroll, scroll + bodyHeight).map((l, i) =>
          l.heading ? (
            <Text key={i} bold underline wrap="truncate-end">
              {l.value}
            </Text>
          ) : (
            <Text key={i} wrap="truncate-end">
              <Text color={theme.color('text.dim')}>{l.label !== undefined ? fit(l.label, labelWidth) : ''}</Text>
              <Text color={l.role ? theme.color(l.role) : undefined}>{l.value}</Text>
            </Text>
          ),
        )}
      </Box>
      <Text color={theme.color('text.dim')} wrap="truncate-end">
        {lines.length > bodyHeight ? `lines ${scroll + 1}–${Math.min(lines.length, scroll + bodyHeight)} of ${lines.length} · ↑↓ PgUp PgDn scroll · ` : ''}Esc closes
      </Text>
    </Box>
  );
}
