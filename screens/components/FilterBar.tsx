/** Active filters as chips, in the order they were added (Esc removes the last). */
import { Text } from 'ink';
import { useTheme } from '../theme.js';

export function FilterBar({ chips, extra }: { chips: readonly string[]; extra?: string }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      <Text color={theme.color('text.dim')}>filters: </Text>
      {chips.length === 0 ? <Text color={theme.color('text.dim')}>none</Text> : null}
      {chips.map((c, i) => (
        <Text key={i}>
          <Text inverse color={theme.color('text.accent')}>{` ${c} `}</Text>{' '}
        </Text>
      ))}
      {extra ? <Text color={theme.color('text.dim')}>{extra}</Text> : null}
    </Text>
  );
}
