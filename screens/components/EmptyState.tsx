/** What a screen shows when it has nothing to show yet: says so and why, never fake data. */
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';

export function EmptyState({ title, lines, width, height }: { title: string; lines: string[]; width: number; height: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width} height={height} paddingX={1}>
      <Text bold wrap="truncate-end">
        {title}
      </Text>
      {lines.slice(0, Math.max(0, height - 1)).map((line, i) => (
        <Text key={i} color={theme.color('text.dim')} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}
