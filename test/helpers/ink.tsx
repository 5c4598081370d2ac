/** Renders the app shell with ink-testing-library at a fixed size and drives it with keys. */
import { render } from 'ink-testing-library';
import { App, type ScreenTable } from '../../screens/App.js';
import { SCREEN_TABLE } from '../../screens/screenTable.js';
import { monoTheme } from '../../screens/theme.js';
import { createAppStore, type AppStore } from '../../src/stores/appStore.js';

/** React 19 flushes after a macrotask; two rounds cover an effect that sets state. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
}

export function renderShell(opts: { columns?: number; rows?: number; screens?: ScreenTable; store?: AppStore } = {}) {
  const store = opts.store ?? createAppStore({ mode: { demo: true, write: false, profileName: 'demo', tenantLabel: 'tenant-1' } });
  const size = { columns: opts.columns ?? 100, rows: opts.rows ?? 30 };
  const r = render(<App store={store} screens={opts.screens ?? SCREEN_TABLE} version="9.9.9" theme={monoTheme} size={size} />);
  return {
    ...r,
    store,
    async type(text: string) {
      r.stdin.write(text);
      // Ink holds a lone ESC for 20 ms in case the rest of an escape sequence follows.
      if (text.endsWith('\x1b')) await new Promise((res) => setTimeout(res, 40));
      await flush();
    },
    frame: () => r.lastFrame() ?? '',
  };
}
