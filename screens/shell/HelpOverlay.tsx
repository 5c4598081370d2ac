/**
 * The `?` overlay. Generated from the same keymap the input handler uses (src/keymap), so it cannot
 * disagree with what the keys do. Laid out in columns to fit the body; never taller than it.
 */
import { Box, Text } from 'ink';
import { COLON_COMMANDS, helpFor, type ScreenId } from '../../src/keymap/index.js';
import { useTheme } from '../theme.js';

interface Line {
  kind: 'title' | 'row';
  keys?: string;
  text: string;
}

export function helpLines(screen: ScreenId, hasList: boolean): Line[] {
  const lines: Line[] = [];
  for (const section of helpFor(screen, hasList)) {
    lines.push({ kind: 'title', text: `${section.title} keys` });
    for (const row of section.rows) lines.push({ kind: 'row', keys: row.keys, text: row.description });
  }
  lines.push({ kind: 'title', text: 'Commands (type : then the command)' });
  for (const c of COLON_COMMANDS.filter((c) => !c.screen || c.screen === screen)) {
    lines.push({ kind: 'row', keys: `:${c.name}${c.usage ? ` ${c.usage}` : ''}`, text: c.description });
  }
  return lines;
}

export function HelpOverlay({ screen, hasList, width, height }: { screen: ScreenId; hasList: boolean; width: number; height: number }) {
  const theme = useTheme();
  const lines = helpLines(screen, hasList);
  const bodyHeight = Math.max(1, height - 2);
  const columns = Math.min(3, Math.max(1, Math.ceil(lines.length / bodyHeight)));
  const colWidth = Math.floor(width / columns);
  const keyWidth = Math.min(18, Math.floor(colWidth * 0.4));
  const cols: Line[][] = [];
  for (let c = 0; c < columns; c++) cols.push(lines.slice(c * bodyHeight, (c + 1) * bodyHeight));
  const hidden = Math.max(0, lines.length - columns * bodyHeight);

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">
        Help — keys of this screen and global keys{hidden > 0 ? ` (${hidden} more: enlarge the terminal)` : ''}
        <Text color={theme.color('text.dim')}> · Esc or ? closes</Text>
      </Text>
      <Box flexDirection="row" height={bodyHeight}>
        {cols.map((col, ci) => (
          <Box key={ci} flexDirection="column" width={colWidth}>
            {col.map((line, li) =>
              line.kind === 'title' ? (
                <Text key={li} bold underline wrap="truncate-end">
                  {line.text}
                </Text>
              ) : (
                <Box key={li} width={colWidth}>
                  <Box width={keyWidth} flexShrink={0}>
                    <Text color={theme.color('ui.key')} wrap="truncate-end">
                      {line.keys}
                    </Text>
                  </Box>
                  <Text wrap="truncate-end">{line.text}</Text>
                </Box>
              ),
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
