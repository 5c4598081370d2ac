/** The Streaming throughput screen. */
import type { ScreenDefinition, ScreenProps } from '../App.js';
import { EmptyState } from '../components/EmptyState.js';

function StreamScreen({ width, height }: ScreenProps) {
  return <EmptyState title="Streaming throughput" width={width} height={height} lines={['', 'No data: the streaming view is not connected in this build.']} />;
}

export const screen: ScreenDefinition = { component: StreamScreen, hasList: true };
