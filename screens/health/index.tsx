/** The Integration health screen. */
import type { ScreenDefinition, ScreenProps } from '../App.js';
import { EmptyState } from '../components/EmptyState.js';

function HealthScreen({ width, height }: ScreenProps) {
  return <EmptyState title="Integration health" width={width} height={height} lines={['', 'No data: the health checks is not connected in this build.']} />;
}

export const screen: ScreenDefinition = { component: HealthScreen, hasList: true };
