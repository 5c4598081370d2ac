/**
 * Confirmation before a write (the Shopify CLI pattern): the plan's lines, then the operator types
 * an exact word (e.g. the number of items, or "delete") and presses Enter. Esc cancels. Nothing is
 * confirmed by a single key press.
 */
import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import { PRIORITY, useClosing, useKeypress } from '../input/InputRouter.js';
import { useTheme } from '../theme.js';
import { fit } from './text.js';

export interface ConfirmDialogProps {
  title: string;
  /** The plan: what will change, how many calls, before → after samples. */
  lines: string[];
  /** What the operator must type to confirm. */
  confirmWord: string;
  onConfirm(): void;
  onCancel(): void;
  width: number;
  height: number;
}

export function ConfirmDialog({ title, lines, confirmWord, onConfirm, onCancel, width, height }: ConfirmDialogProps) {
  const theme = useTheme();
  const [typed, setTyped] = useState('');
  const live = useRef('');
  const [scroll, setScroll] = useState(0);
  const planHeight = Math.max(1, height - 4);
  const set = (v: string) => {
    live.current = v;
    setTyped(v);
  };
  const { closed, finish } = useClosing();
  useKeypress(
    (e) => {
      if (closed.current) return false;
      if (e.spec === 'escape') finish(onCancel);
      else if (e.spec === 'enter') {
        if (live.current === confirmWord) finish(onConfirm);
      } else if (e.spec === 'backspace') set(live.current.slice(0, -1));
      else if (e.spec === 'down') setScroll((s) => Math.min(Math.max(0, lines.length - planHeight), s + 1));
      else if (e.spec === 'up') setScroll((s) => Math.max(0, s - 1));
      else if (e.char) set(live.current + e.char);
      return true;
    },
    { priority: PRIORITY.dialog },
  );
  const ok = typed === confirmWord;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={theme.color('status.warn')} wrap="truncate-end">
        ! {title}
      </Text>
      <Box flexDirection="column" height={planHeight}>
        {lines.slice(scroll, scroll + planHeight).map((l, i) => (
          <Text key={i} wrap="truncate-end">
            {fit(l, width)}
          </Text>
        ))}
      </Box>
      <Text color={theme.color('text.dim')} wrap="truncate-end">
        {lines.length > planHeight ? `↑↓ scroll the plan (${scroll + 1}–${Math.min(lines.length, scroll + planHeight)} of ${lines.length}) · ` : ''}Esc cancels
      </Text>
      <Text wrap="truncate-end">
        Type <Text bold>{confirmWord}</Text> and press Enter to confirm: {typed}
        <Text inverse> </Text>
        {ok ? <Text color={theme.color('status.ok')}> ✓ Enter to run</Text> : null}
      </Text>
    </Box>
  );
}
