import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';

/** A repository's environment.json as read. */
export type EnvironmentFile =
  | { status: 'read'; content: string; etag?: string }
  /** Its ETag is the one the last read had. */
  | { status: 'not-modified' }
  | { status: 'not-found' };

/** A file that was read. */
export type ReadEnvironmentFile = Extract<EnvironmentFile, { status: 'read' }>;

/**
 * Reads environment.json through the backend's URL readers (the
 * integrations' credentials), conditionally on the ETag of the last read:
 * an unchanged file is not downloaded again.
 */
export async function readEnvironmentFile(
  reader: UrlReaderService,
  url: string,
  etag: string | undefined,
): Promise<EnvironmentFile> {
  try {
    const response = await reader.readUrl(url, etag ? { etag } : {});
    const content = (await response.buffer()).toString('utf8');
    return {
      status: 'read',
      content,
      ...(response.etag ? { etag: response.etag } : {}),
    };
  } catch (error) {
    // By name: the reader may throw another copy of @backstage/errors' classes.
    if (isError(error) && error.name === 'NotModifiedError') {
      return { status: 'not-modified' };
    }
    if (isError(error) && error.name === 'NotFoundError') {
      return { status: 'not-found' };
    }
    throw error;
  }
}
