/** Which component draws each screen. The screens' own folders hold the real work. */
import type { ScreenProps, ScreenTable } from './App.js';
import { EmptyState } from './components/EmptyState.js';

function Pending({ title, what }: { title: string; what: string }) {
  return function PendingScreen({ width, height }: ScreenProps) {
    return <EmptyState title={title} width={width} height={height} lines={['', `No data: ${what} is not connected in this build.`]} />;
  };
}

export const SCREEN_TABLE: ScreenTable = {
  health: { component: Pending({ title: 'Integration health', what: 'the health checks' }), hasList: true },
  indicators: { component: Pending({ title: 'Indicators', what: 'the indicators list' }), hasList: true },
  sync: { component: Pending({ title: 'Sentinel incident sync', what: 'the incident sync view' }), hasList: true },
  stream: { component: Pending({ title: 'Streaming throughput', what: 'the streaming view' }), hasList: true },
};
