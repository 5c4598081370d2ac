/** A progress bar with figures; the figures carry the meaning, the bar is a glance. */
import { Text } from 'ink';
import { useTheme } from '../theme.js';

export function progressBar(done: number, total: number, width: number): string {
  const cells = Math.max(1, width);
  const filled = total <= 0 ? cells : Math.min(cells, Math.round((done / total) * cells));
  return '█'.repeat(filled) + '░'.repeat(cells - filled);
}

export function ProgressBar({ label, done, total, width }: { label: string; done: number; total: number; width: number }) {
  const theme = useTheme();
  const figures = ` ${done}/${total}`;
  const barWidth = Math.max(5, width - label.length - figures.length - 2);
  return (
    <Text wrap="truncate-end">
      {label}{' '}
      <Text color={theme.color('text.accent')}>{progressBar(done, total, barWidth)}</Text>
      {figures}
    </Text>
  );
}
