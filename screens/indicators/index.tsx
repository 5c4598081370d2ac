/** The Indicators screen. */
import type { ScreenDefinition, ScreenProps } from '../App.js';
import { EmptyState } from '../components/EmptyState.js';
import { WithSession } from '../session.js';

function IndicatorsScreen({ width, height }: ScreenProps) {
  return (
    <WithSession title="Indicators" width={width} height={height}>
      {() => <EmptyState title="Indicators" width={width} height={height} lines={['', 'No data: the indicators list is not connected in this build.']} />}
    </WithSession>
  );
}

export const screen: ScreenDefinition = { component: IndicatorsScreen, hasList: true };
