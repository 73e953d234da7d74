/**
 * Coalesces concurrent calls with the same key into one: while a call for a
 * key is in flight, later callers get the same promise.
 *
 * @public
 */
export class SingleFlight {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  /** Runs `fn`, or returns the promise of the call in flight for `key`. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const existing = this.inFlight.get(key);
    if (existing) {
      return existing as Promise<T>;
    }
    const promise = fn().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }
}

/**
 * Coalesces calls of one piece of work that must not run in parallel: a call
 * that arrives while it runs gets the running promise and makes it run once
 * more afterwards, so every caller is served by a run that started after
 * its call.
 *
 * @public
 */
export class RunAgainCoalescer {
  private running?: Promise<void>;
  private runAgain = false;

  constructor(
    private readonly work: () => Promise<void>,
    /** Checked before each further run, e.g. false once stopped. */
    private readonly mayRunAgain: () => boolean = () => true,
  ) {}

  /** Runs the work, or joins the running work and makes it run once more. */
  run(): Promise<void> {
    if (this.running) {
      this.runAgain = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.runAgain = false;
          await this.work();
        } while (this.runAgain && this.mayRunAgain());
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
