/** The Integration health screen. */
import type { ScreenDefinition, ScreenProps } from '../App.js';
import { EmptyState } from '../components/EmptyState.js';
import { WithSession } from '../session.js';

function HealthScreen({ width, height }: ScreenProps) {
  return (
    <WithSession title="Integration health" width={width} height={height}>
      {() => <EmptyState title="Integration health" width={width} height={height} lines={['', 'No data: the health checks is not connected in this build.']} />}
    </WithSession>
  );
}

export const screen: ScreenDefinition = { component: HealthScreen, hasList: true };
