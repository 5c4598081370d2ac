/** The Sentinel incident sync screen. */
import type { ScreenDefinition, ScreenProps } from '../App.js';
import { EmptyState } from '../components/EmptyState.js';
import { WithSession } from '../session.js';

function SyncScreen({ width, height }: ScreenProps) {
  return (
    <WithSession title="Sentinel incident sync" width={width} height={height}>
      {() => <EmptyState title="Sentinel incident sync" width={width} height={height} lines={['', 'No data: the incident sync view is not connected in this build.']} />}
    </WithSession>
  );
}

export const screen: ScreenDefinition = { component: SyncScreen, hasList: true };
