/*
 * Benchmark of the backend's event loop while an environment synthesizes
 * (not a test). Run from this package:
 *
 *   yarn bench:event-loop
 *
 * (Node with Backstage's TypeScript transform, as `backstage-cli package
 * start` runs the backend, and `--expose-gc`.)
 *
 * Synthesizes the seed environment BENCH_RUNS times (default 3), as a
 * sandbox deployment does, once on this thread (`CdkEnvironmentSynthesizer`,
 * how the backend synthesized before) and once in the synthesis worker
 * (`WorkerEnvironmentSynthesizer`, started at the beginning of run 1, as the
 * backend starts it), each in a fresh process so the first run is the
 * backend's first synthesis. `perf_hooks.monitorEventLoopDelay` records how
 * late this thread's event loop ran during each run: its p99 and max are
 * how long every other plugin's requests and timers had to wait.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { defaultEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import { fork } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CdkEnvironmentSynthesizer } from '../src/services/Synthesizer/CdkEnvironmentSynthesizer';
import { WorkerEnvironmentSynthesizer } from '../src/services/Synthesizer/WorkerEnvironmentSynthesizer';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const RESOLUTION_MS = 10;
const MODES = {
  'in-process': 'on the event loop (before)',
  worker: 'in the worker thread (after)',
} as const;
type Mode = keyof typeof MODES;

interface RunResult {
  seconds: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Warnings and errors to the console. Not Backstage's logger: loading the
 * backend's services would fill this thread's heap, and collecting that is
 * a pause of its own that has nothing to do with synthesis.
 */
const consoleLogger: LoggerService = {
  error: message => console.error(message),
  warn: message => console.warn(message),
  info: () => {},
  debug: () => {},
  child: () => consoleLogger,
};

function collectGarbage() {
  if (!global.gc) {
    throw new Error('Run with node --expose-gc (yarn bench:event-loop does)');
  }
  global.gc();
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Runs in a child process: the runs of one synthesizer. */
async function measure(mode: Mode): Promise<RunResult[]> {
  const worker =
    mode === 'worker'
      ? new WorkerEnvironmentSynthesizer({ logger: consoleLogger })
      : undefined;
  const synthesizer = worker ?? new CdkEnvironmentSynthesizer();
  const spec = defaultEnvironmentSpec();
  const results: RunResult[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const outdir = await fs.mkdtemp(path.join(os.tmpdir(), 'event-loop-'));
    // Collects the garbage of start-up (and of the previous run) first: V8
    // otherwise collects it on this thread at some point, in either mode,
    // and a 100 ms pause of that would be counted against the synthesis.
    collectGarbage();
    const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    delay.enable();
    // The monitor records from its second tick on: give it a few.
    await sleep(3 * RESOLUTION_MS);
    const started = performance.now();
    if (run === 1) {
      worker?.start();
    }
    await synthesizer.synthesize(spec, { outdir });
    const seconds = (performance.now() - started) / 1000;
    // The in-process synthesis returns without a turn of the event loop, so
    // the monitor records the stall only when its timer next runs.
    await sleep(3 * RESOLUTION_MS);
    delay.disable();
    results.push({
      seconds,
      p99Ms: delay.percentile(99) / 1e6,
      maxMs: delay.max / 1e6,
    });
    await fs.rm(outdir, { recursive: true, force: true });
  }
  await worker?.stop();
  return results;
}

function inChildProcess(mode: Mode): Promise<RunResult[]> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [mode]);
    // Loaders may send their own messages (Backstage's reports each file).
    child.on('message', (message: { results?: RunResult[] }) => {
      if (message.results) {
        resolve(message.results);
      }
    });
    child.once('exit', code =>
      reject(new Error(`The ${mode} benchmark exited with code ${code}`)),
    );
  });
}

async function main() {
  const mode = process.argv[2] as Mode | undefined;
  if (mode) {
    const results = await measure(mode);
    // Disconnecting lets the child exit once the results are sent.
    process.send!({ results }, () => process.disconnect());
    return;
  }
  console.log(
    `Seed environment, ${RUNS} syntheses per synthesizer; ${
      os.cpus().length
    } cores, Node ${process.version}, load average ${os
      .loadavg()[0]
      .toFixed(1)}`,
  );
  console.log(
    '| synthesis | run | synthesis s | event-loop delay p99 ms | max ms |',
  );
  console.log('|---|---|---|---|---|');
  for (const [each, label] of Object.entries(MODES)) {
    const results = await inChildProcess(each as Mode);
    results.forEach(({ seconds, p99Ms, maxMs }, index) =>
      console.log(
        `| ${label} | ${index + 1}${
          index === 0 ? ' (first)' : ''
        } | ${seconds.toFixed(1)} | ${p99Ms.toFixed(0)} | ${maxMs.toFixed(
          0,
        )} |`,
      ),
    );
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
