/**
 * A picker dialog: a list of options with counts, several can be chosen (Space), typing narrows
 * the list, Enter applies, Esc cancels. Counts come from the caller (they follow other filters).
 */
import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import { PRIORITY, useClosing, useKeypress } from '../input/InputRouter.js';
import { useTheme } from '../theme.js';
import { fit } from './text.js';

export interface PickerOption {
  key: string;
  label: string;
  count?: number;
}

export function Picker({
  title,
  options,
  initial = [],
  onApply,
  onCancel,
  width,
  height,
}: {
  title: string;
  options: readonly PickerOption[];
  initial?: readonly string[];
  onApply(keys: string[]): void;
  onCancel(): void;
  width: number;
  height: number;
}) {
  const theme = useTheme();
  // Live state in a ref so several keys in one input chunk compose; state mirrors it for rendering.
  const live = useRef({ query: '', cursor: 0, chosen: new Set(initial) });
  const [, setTick] = useState(0);
  const rerender = () => setTick((t) => t + 1);
  const listHeight = Math.max(1, height - 3);

  const visibleOptions = () => {
    const q = live.current.query.toLowerCase();
    return q ? options.filter((o) => o.label.toLowerCase().includes(q)) : options;
  };

  const { closed, finish } = useClosing();
  useKeypress(
    (e) => {
      if (closed.current) return false;
      const s = live.current;
      const list = visibleOptions();
      if (e.spec === 'escape') finish(onCancel);
      else if (e.spec === 'enter') {
        // Enter with nothing chosen picks the option under the cursor, as a single choice.
        const pick = s.chosen.size === 0 && list[s.cursor] ? [list[s.cursor]!.key] : [...s.chosen];
        finish(() => onApply(pick));
      } else if (e.spec === 'down' || (e.spec === 'j' && !s.query)) s.cursor = Math.min(list.length - 1, s.cursor + 1);
      else if (e.spec === 'up' || (e.spec === 'k' && !s.query)) s.cursor = Math.max(0, s.cursor - 1);
      else if (e.spec === 'space') {
        const opt = list[s.cursor];
        if (opt) {
          if (s.chosen.has(opt.key)) s.chosen.delete(opt.key);
          else s.chosen.add(opt.key);
        }
      } else if (e.spec === 'backspace') {
        s.query = s.query.slice(0, -1);
        s.cursor = 0;
      } else if (e.char) {
        s.query += e.char;
        s.cursor = 0;
      }
      rerender();
      return true;
    },
    { priority: PRIORITY.dialog },
  );

  const s = live.current;
  const list = visibleOptions();
  const top = Math.max(0, Math.min(s.cursor - listHeight + 1, list.length - listHeight));
  const start = Math.max(0, Math.min(top, s.cursor));
  const countWidth = 8;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">
        {title} <Text color={theme.color('text.dim')}>— Space choose · Enter apply · Esc cancel · type to narrow</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text color={theme.color('text.accent')}>filter: </Text>
        {s.query}
        <Text inverse> </Text>
        <Text color={theme.color('text.dim')}>  {s.chosen.size} chosen</Text>
      </Text>
      <Box flexDirection="column" height={listHeight}>
        {list.length === 0 ? <Text color={theme.color('text.dim')}>  no match</Text> : null}
        {list.slice(start, start + listHeight).map((o, i) => {
          const index = start + i;
          const mark = s.chosen.has(o.key) ? '[x] ' : '[ ] ';
          return (
            <Text key={o.key} inverse={index === s.cursor} wrap="truncate-end">
              {mark}
              {fit(o.label, Math.max(4, width - 4 - countWidth - 1))} {o.count === undefined ? '' : String(o.count).padStart(countWidth)}
            </Text>
          );
        })}
      </Box>
    </Box>
  );
}
