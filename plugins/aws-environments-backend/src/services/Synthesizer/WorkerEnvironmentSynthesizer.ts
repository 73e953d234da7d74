import type { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError, stringifyError } from '@backstage/errors';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import { SYNTHESIS_WORKER_MODULE } from './synthesisWorker';
import {
  SynthesisThread,
  SynthesisThreadExit,
  SynthesisThreadWarmUp,
} from './SynthesisThread';
import type { EnvironmentSynthesizer, SynthesizedEnvironment } from './types';

/** Syntheses that may wait while one runs, by default. */
const DEFAULT_MAX_QUEUED_SYNTHESES = 8;

/** How long one synthesis may run, by default: 10 minutes. */
const DEFAULT_SYNTHESIS_TIMEOUT_MS = 10 * 60_000;

/** `600000` → `10 minutes`, `2000` → `2 seconds`, `1500` → `1500 ms`. */
function formatDuration(ms: number): string {
  const count = (amount: number, unit: string) =>
    `${amount} ${unit}${amount === 1 ? '' : 's'}`;
  if (ms % 60_000 === 0) {
    return count(ms / 60_000, 'minute');
  }
  return ms % 1000 === 0 ? count(ms / 1000, 'second') : `${ms} ms`;
}

interface QueuedSynthesis {
  spec: EnvironmentSpec;
  outdir: string;
  resolve(result: SynthesizedEnvironment): void;
  reject(error: unknown): void;
}

/**
 * Synthesizes in one warm worker thread, so aws-cdk-lib's seconds of
 * synchronous work never stall the backend's event loop. Syntheses run one
 * at a time from a bounded queue: a worker holds hundreds of megabytes of
 * aws-cdk-lib, and deployments are rare enough for one. A worker that dies
 * fails only its running synthesis and is replaced. A synthesis that does
 * not finish within the timeout (e.g. an endless loop in a construct) is
 * failed and its worker terminated and replaced, so queued syntheses go on.
 */
export class WorkerEnvironmentSynthesizer implements EnvironmentSynthesizer {
  private thread?: SynthesisThread;
  private readonly queue: QueuedSynthesis[] = [];
  private busy = false;
  private stopped = false;
  private readonly maxQueued: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly options: {
      logger: LoggerService;
      /**
       * Syntheses that may wait while one runs; more are refused.
       *
       * @defaultValue 8
       */
      maxQueued?: number;
      /**
       * How long one synthesis may run (from when it leaves the queue,
       * including a new worker's start and warm-up) before it fails and
       * its worker is terminated and replaced.
       *
       * @defaultValue 10 minutes
       */
      timeoutMs?: number;
      /**
       * The worker's entry module (tests replace it).
       *
       * @defaultValue the bundled CDK app's worker, `synthesisWorker`
       */
      workerModule?: string;
    },
  ) {
    this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED_SYNTHESES;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_SYNTHESIS_TIMEOUT_MS;
  }

  /** Starts the worker now, so the first synthesis finds the CDK app loaded. */
  start(): void {
    if (!this.stopped) {
      this.currentThread();
    }
  }

  async synthesize(
    spec: EnvironmentSpec,
    options: { outdir: string },
  ): Promise<SynthesizedEnvironment> {
    if (this.stopped) {
      throw new ServiceUnavailableError(
        `Cannot synthesize environment "${spec.name}": the backend is shutting down`,
      );
    }
    if (this.queue.length >= this.maxQueued) {
      throw new ServiceUnavailableError(
        `Cannot synthesize environment "${spec.name}": the synthesis queue is full (at most ${this.maxQueued} syntheses wait while one runs); try again when running deployments have finished`,
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ spec, outdir: options.outdir, resolve, reject });
      this.runNext();
    });
  }

  /** Ends the worker; running and queued syntheses fail (backend shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    const reason = new ServiceUnavailableError(
      'Synthesis stopped: the backend is shutting down; start the deployment again',
    );
    for (const queued of this.queue.splice(0)) {
      queued.reject(reason);
    }
    await this.thread?.terminate(reason);
  }

  private runNext() {
    const next = this.busy || this.stopped ? undefined : this.queue.shift();
    if (!next) {
      return;
    }
    this.busy = true;
    const thread = this.currentThread();
    const timeout = setTimeout(() => {
      // Fails the synthesis with this reason; the thread's exit replaces it.
      thread
        .terminate(
          new Error(
            `Synthesis of environment "${
              next.spec.name
            }" did not finish within ${formatDuration(
              this.timeoutMs,
            )}; the synthesis worker was restarted`,
          ),
        )
        .catch(error =>
          this.options.logger.error(
            `Could not terminate the synthesis worker: ${stringifyError(
              error,
            )}`,
          ),
        );
    }, this.timeoutMs);
    timeout.unref();
    thread
      .synthesize(next.spec, next.outdir)
      .then(next.resolve, next.reject)
      .finally(() => {
        clearTimeout(timeout);
        this.busy = false;
        this.runNext();
      });
  }

  private currentThread(): SynthesisThread {
    this.thread ??= new SynthesisThread(
      this.options.workerModule ?? SYNTHESIS_WORKER_MODULE,
      {
        onReady: warmUp => this.warmedUp(warmUp),
        onExit: exit => this.replace(exit),
      },
    );
    return this.thread;
  }

  private warmedUp({ ms, error }: SynthesisThreadWarmUp) {
    const seconds = (ms / 1000).toFixed(1);
    if (error) {
      this.options.logger.warn(
        `Synthesis worker started, but its warm-up synthesis of the seed environment failed after ${seconds} s: ${stringifyError(
          error,
        )}`,
      );
    } else {
      this.options.logger.info(
        `Synthesis worker ready: warmed up with the seed environment in ${seconds} s`,
      );
    }
  }

  /**
   * A thread that had warmed up is replaced at once, to stay warm; one that
   * died before is not, or a broken install would restart it in a loop: the
   * next synthesis starts a new one (and reports the failure).
   */
  private replace(exit: SynthesisThreadExit) {
    this.thread = undefined;
    if (this.stopped) {
      return;
    }
    this.options.logger.error(
      `Synthesis worker ${
        exit.terminatedWith
          ? `terminated: ${exit.terminatedWith.message}`
          : `exited (code ${exit.code}${
              exit.error ? `, ${stringifyError(exit.error)}` : ''
            })`
      }; ${
        exit.wasReady
          ? 'starting a new one'
          : 'it died before it was ready, the next synthesis starts a new one'
      }`,
    );
    if (exit.wasReady) {
      this.currentThread();
    }
  }
}
