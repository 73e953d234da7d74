import type {
  UrlReaderService,
  UrlReaderServiceReadUrlOptions,
} from '@backstage/backend-plugin-api';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { createHash } from 'node:crypto';

/**
 * Repositories as the backend's URL reader serves them: a file's ETag is a
 * hash of its content, a read with the current ETag throws
 * NotModifiedError and a missing file NotFoundError, as the GitHub reader
 * does. Records every read.
 */
export class FakeRepositories implements UrlReaderService {
  readonly files = new Map<string, string>();
  readonly reads: Array<{ url: string; etag?: string }> = [];

  /** Writes a file: a string as it is, anything else as pretty JSON. */
  write(url: string, content: unknown) {
    this.files.set(
      url,
      typeof content === 'string' ? content : JSON.stringify(content, null, 2),
    );
  }

  etagOf(url: string): string | undefined {
    const content = this.files.get(url);
    return content === undefined
      ? undefined
      : `"${createHash('sha1').update(content).digest('hex')}"`;
  }

  async readUrl(url: string, options?: UrlReaderServiceReadUrlOptions) {
    this.reads.push({ url, etag: options?.etag });
    const content = this.files.get(url);
    if (content === undefined) {
      throw new NotFoundError(`${url} not found`);
    }
    const etag = this.etagOf(url)!;
    if (options?.etag === etag) {
      throw new NotModifiedError();
    }
    return { buffer: async () => Buffer.from(content), etag };
  }

  async readTree(): Promise<never> {
    throw new Error('FakeRepositories reads files only');
  }

  async search(): Promise<never> {
    throw new Error('FakeRepositories reads files only');
  }
}
