/**
 * A one-line prompt (the `/` search, a number for "extend expiry by N days"). Takes every key
 * while open (prompt priority); Enter submits, Esc cancels, Backspace on empty cancels.
 */
import { Text } from 'ink';
import { useRef, useState } from 'react';
import { PRIORITY, useClosing, useKeypress } from '../input/InputRouter.js';
import { useTheme } from '../theme.js';

export function TextPrompt({
  label,
  initial = '',
  onSubmit,
  onCancel,
  onChange,
  width,
}: {
  label: string;
  initial?: string;
  onSubmit(text: string): void;
  onCancel(): void;
  /** Called on every edit (live filtering). */
  onChange?(text: string): void;
  width: number;
}) {
  const theme = useTheme();
  const [text, setText] = useState(initial);
  // Keys of one chunk arrive before React re-renders: keep the live value in a ref.
  const live = useRef(initial);
  const update = (next: string) => {
    live.current = next;
    setText(next);
    onChange?.(next);
  };
  const { closed, finish } = useClosing();
  useKeypress(
    (e) => {
      if (closed.current) return false;
      if (e.spec === 'escape') finish(onCancel);
      else if (e.spec === 'enter') finish(() => onSubmit(live.current));
      else if (e.spec === 'backspace' || e.spec === 'delete') {
        if (live.current === '') finish(onCancel);
        else update(live.current.slice(0, -1));
      } else if (e.spec === 'ctrl+u') update('');
      else if (e.char) update(live.current + e.char);
      return true;
    },
    { priority: PRIORITY.prompt },
  );
  return (
    <Text wrap="truncate-start">
      <Text bold color={theme.color('text.accent')}>
        {label}
      </Text>
      {text.length + label.length + 2 > width ? text.slice(-(width - label.length - 2)) : text}
      <Text inverse> </Text>
    </Text>
  );
}
