/** The Streaming throughput screen. */
import type { ScreenDefinition, ScreenProps } from '../App.js';
import { EmptyState } from '../components/EmptyState.js';
import { WithSession } from '../session.js';

function StreamScreen({ width, height }: ScreenProps) {
  return (
    <WithSession title="Streaming throughput" width={width} height={height}>
      {() => <EmptyState title="Streaming throughput" width={width} height={height} lines={['', 'No data: the streaming view is not connected in this build.']} />}
    </WithSession>
  );
}

export const screen: ScreenDefinition = { component: StreamScreen, hasList: true };
