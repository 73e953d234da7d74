import { useState } from 'react';

let nextId = 0;

/**
 * An id for `aria-labelledby` and the like, stable for the component's life.
 * Not React 18's `useId`: the plugin also supports React 16 and 17 apps.
 */
export function useElementId(prefix: string): string {
  const [id] = useState(() => `aws-environments-${prefix}-${++nextId}`);
  return id;
}
