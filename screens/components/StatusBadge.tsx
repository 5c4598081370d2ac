/** A status as symbol + word + colour: never colour alone. */
import { Text } from 'ink';
import { STATUS_ROLE, STATUS_SYMBOL, useTheme, type Status } from '../theme.js';

export function StatusBadge({ status, width }: { status: Status; width?: number }) {
  const theme = useTheme();
  const text = `${STATUS_SYMBOL[status]} ${status}`;
  return (
    <Text bold color={theme.color(STATUS_ROLE[status])}>
      {width ? text.padEnd(width) : text}
    </Text>
  );
}
