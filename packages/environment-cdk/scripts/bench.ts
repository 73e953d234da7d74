/**
 * Benchmark (not a test): spec → cloud assembly + cdk-nag + conformance +
 * estimate in-process, beside the `cdk synth` CLI on the same app, and the
 * spec-only estimate. Run from the package directory:
 *
 *   yarn bench            # BENCH_RUNS=5, BENCH_ESTIMATES=10000
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  defaultEnvironmentSpec,
  estimateFromSpec,
} from '@innovate/plugin-aws-environments-common';
import { synthesizeEnvironment } from '../src/synthesize';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ESTIMATES = Number(process.env.BENCH_ESTIMATES ?? 10000);
const packageDir = path.resolve(__dirname, '..');
const repoRoot = path.resolve(packageDir, '../..');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'environment-bench-'));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function inProcess(): Promise<{ cold: number; warm: number[] }> {
  const spec = defaultEnvironmentSpec();
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const outdir = tempDir();
    const start = performance.now();
    const synthesis = await synthesizeEnvironment(spec, { outdir });
    times.push(performance.now() - start);
    if (!synthesis.nag.passed || !synthesis.conformance.passed) {
      throw new Error('the seed environment should pass nag and conformance');
    }
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  return { cold: times[0], warm: times.slice(1) };
}

function cdkCli(): number[] {
  const cdk = path.join(repoRoot, 'node_modules/.bin/cdk');
  const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const outdir = tempDir();
    const start = performance.now();
    const result = spawnSync(
      cdk,
      [
        'synth',
        '--app',
        `${tsx} scripts/cdk-app.ts`,
        '--output',
        outdir,
        '--quiet',
        '--no-notices',
      ],
      {
        cwd: packageDir,
        encoding: 'utf8',
        env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
      },
    );
    times.push(performance.now() - start);
    if (result.status !== 0) {
      throw new Error(`cdk synth failed:\n${result.stderr}`);
    }
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  return times;
}

function estimates(): number {
  const spec = defaultEnvironmentSpec();
  estimateFromSpec(spec);
  const start = performance.now();
  for (let call = 0; call < ESTIMATES; call++) {
    estimateFromSpec(spec);
  }
  return (performance.now() - start) / ESTIMATES;
}

async function main() {
  const { cold, warm } = await inProcess();
  const cli = cdkCli();
  const perEstimate = estimates();
  const lines = [
    `Seed environment, ${RUNS} runs each, ${os.cpus().length} CPUs, Node ${
      process.version
    }`,
    `in-process synthesizeEnvironment (assembly + nag + conformance + estimate + entities):`,
    `  median ${seconds(median(warm))} (min ${seconds(
      Math.min(...warm),
    )}, max ${seconds(
      Math.max(...warm),
    )}); first run in a fresh process ${seconds(cold)}`,
    `cdk synth CLI, same app (new process each run, tsx start included):`,
    `  median ${seconds(median(cli))} (min ${seconds(
      Math.min(...cli),
    )}, max ${seconds(Math.max(...cli))})`,
    `estimateFromSpec: ${(perEstimate * 1000).toFixed(
      1,
    )} µs per call (${ESTIMATES} calls)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
