import { deserializeError, stringifyError, toError } from '@backstage/errors';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import { startWorkerThread } from '@innovate/environment-cdk/workerThread';
import type { Worker } from 'node:worker_threads';
import type { SynthesisReply, SynthesisRequest } from './synthesisProtocol';
import type { SynthesizedEnvironment } from './types';

/** How a thread ended, for its owner. */
export interface SynthesisThreadExit {
  code: number;
  /** The uncaught error that ended it, if any. */
  error?: Error;
  /** Whether it had finished its warm-up. */
  wasReady: boolean;
  /** The reason given to `terminate`, if its owner ended it. */
  terminatedWith?: Error;
}

/** How a thread's warm-up went, for its owner. */
export interface SynthesisThreadWarmUp {
  ms: number;
  /** Why it failed; the thread still serves. */
  error?: Error;
}

interface RunningSynthesis {
  environment: string;
  resolve(result: SynthesizedEnvironment): void;
  reject(error: Error): void;
}

/**
 * One synthesis worker thread running `module`, one synthesis at a time
 * (its owner queues). When the thread dies, only its running synthesis
 * fails; the owner decides whether to start another.
 */
export class SynthesisThread {
  private readonly worker: Worker;
  private running?: RunningSynthesis;
  private uncaught?: Error;
  private stopReason?: Error;
  private ready = false;

  constructor(
    module: string,
    private readonly events: {
      onReady(warmUp: SynthesisThreadWarmUp): void;
      onExit(exit: SynthesisThreadExit): void;
    },
  ) {
    this.worker = startWorkerThread(module);
    // An idle thread never keeps the process alive; a running synthesis does.
    this.worker.unref();
    this.worker.on('message', (reply: SynthesisReply) => this.receive(reply));
    this.worker.on('error', error => {
      this.uncaught = toError(error);
    });
    this.worker.on('exit', code => this.exited(code));
  }

  synthesize(
    spec: EnvironmentSpec,
    outdir: string,
  ): Promise<SynthesizedEnvironment> {
    return new Promise((resolve, reject) => {
      this.running = { environment: spec.name, resolve, reject };
      this.worker.ref();
      this.worker.postMessage({ spec, outdir } satisfies SynthesisRequest);
    });
  }

  /** Ends the thread; a running synthesis fails with `reason`. */
  async terminate(reason: Error): Promise<void> {
    this.stopReason = reason;
    await this.worker.terminate();
  }

  private receive(reply: SynthesisReply) {
    if (reply.type === 'ready') {
      this.ready = true;
      this.events.onReady({
        ms: reply.warmUpMs,
        error: reply.warmUpError && deserializeError(reply.warmUpError),
      });
      return;
    }
    const running = this.finish();
    if (reply.type === 'result') {
      running?.resolve(reply.result);
    } else {
      running?.reject(deserializeError(reply.error));
    }
  }

  private finish(): RunningSynthesis | undefined {
    const running = this.running;
    this.running = undefined;
    this.worker.unref();
    return running;
  }

  private exited(code: number) {
    const running = this.finish();
    running?.reject(
      this.stopReason ??
        new Error(
          `The synthesis worker thread stopped (exit code ${code}${
            this.uncaught ? `, ${stringifyError(this.uncaught)}` : ''
          }) while synthesizing environment "${
            running.environment
          }"; start the deployment again`,
        ),
    );
    this.events.onExit({
      code,
      error: this.uncaught,
      wasReady: this.ready,
      terminatedWith: this.stopReason,
    });
  }
}
