import { useEffect, useState } from 'react';
import { fetchApiInfo, type ApiInfo } from './api';
import { APP_TITLE } from './config';

type State =
  | { status: 'loading' }
  | { status: 'ready'; info: ApiInfo }
  | { status: 'error'; message: string };

export function App() {
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    fetchApiInfo(controller.signal)
      .then(info => setState({ status: 'ready', info }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          const message = error instanceof Error ? error.message : 'unknown';
          setState({ status: 'error', message });
        }
      });
    return () => controller.abort();
  }, []);

  return (
    <main>
      <h1>{APP_TITLE}</h1>
      <section aria-label="API status">
        {state.status === 'loading' && <p>Contacting the API…</p>}
        {state.status === 'ready' && (
          <p>
            Connected to {state.info.service} {state.info.version} (
            {state.info.environment})
          </p>
        )}
        {state.status === 'error' && (
          <p role="alert">The API is unavailable: {state.message}</p>
        )}
      </section>
    </main>
  );
}
