import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { PreviewResponse } from '@innovate/plugin-aws-environments-common';
import {
  awsEnvironmentsApiRef,
  errorMessage,
  isResponseError,
} from '../../api';

/** How long the form must be still before a preview is asked for. */
export const PREVIEW_DEBOUNCE_MS = 600;

/** The preview of one proposed spec, as the field shows it. */
export type PreviewResult =
  | { state: 'idle' }
  | { state: 'loading'; previous?: PreviewResponse }
  | { state: 'ready'; preview: PreviewResponse }
  | { state: 'refused'; problems: string[]; preview?: PreviewResponse }
  | { state: 'new' }
  | { state: 'failed'; message: string };

function fieldErrorsOf(error: unknown): string[] | undefined {
  if (!isResponseError(error) || error.statusCode !== 400) {
    return undefined;
  }
  const body = error.body as { fieldErrors?: unknown } | undefined;
  const fieldErrors = Array.isArray(body?.fieldErrors)
    ? (body!.fieldErrors as Array<{ field?: string; message?: string }>)
    : [];
  return fieldErrors.length
    ? fieldErrors.map(e => `${e.field}: ${e.message}`)
    : [errorMessage(error)];
}

function resultOfError(error: unknown): PreviewResult {
  const problems = fieldErrorsOf(error);
  if (problems) {
    return { state: 'refused', problems };
  }
  if (isResponseError(error) && error.statusCode === 404) {
    return { state: 'new' };
  }
  return {
    state: 'failed',
    message: error instanceof Error ? errorMessage(error) : String(error),
  };
}

function previewOf(result: PreviewResult): PreviewResponse | undefined {
  switch (result.state) {
    case 'ready':
      return result.preview;
    case 'refused':
      return result.preview;
    case 'loading':
      return result.previous;
    default:
      return undefined;
  }
}

/**
 * The backend's preview of `spec` for the environment `name`, asked for
 * once the inputs have been still for {@link PREVIEW_DEBOUNCE_MS}; an
 * answer to an older input is dropped. Idle while `spec` is undefined.
 */
export function usePreview(
  name: string | undefined,
  spec: unknown,
  acceptDataLoss: string[],
): PreviewResult {
  const api = useApi(awsEnvironmentsApiRef);
  const [result, setResult] = useState<PreviewResult>({ state: 'idle' });
  const key =
    name && spec !== undefined
      ? JSON.stringify({ name, spec, acceptDataLoss })
      : undefined;

  useEffect(() => {
    if (!key || !name) {
      setResult({ state: 'idle' });
      return undefined;
    }
    let current = true;
    // The last preview stays on screen (e.g. its boxes) while the next loads.
    setResult(last => ({ state: 'loading', previous: previewOf(last) }));
    const timer = setTimeout(() => {
      api
        .previewChanges(name, { spec, acceptDataLoss })
        .then(
          (preview): PreviewResult =>
            preview.blocked.length
              ? {
                  state: 'refused',
                  problems: preview.blocked.map(b => `${b.field}: ${b.reason}`),
                  preview,
                }
              : { state: 'ready', preview },
          resultOfError,
        )
        .then(next => {
          if (current) {
            setResult(next);
          }
        });
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `key` stands for name, spec and acceptDataLoss.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, api]);

  return result;
}
