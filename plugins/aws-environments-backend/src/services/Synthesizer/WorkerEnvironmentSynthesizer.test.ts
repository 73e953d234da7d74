import { mockServices } from '@backstage/backend-test-utils';
import {
  defaultEnvironmentSpec,
  parseEnvironmentSpec,
  SEED_ENVIRONMENT_INPUT,
} from '@innovate/plugin-aws-environments-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fixtureSynthesis } from '../../__testUtils__/fakeSynthesizer';
import { CdkEnvironmentSynthesizer } from './CdkEnvironmentSynthesizer';
import { SYNTHESIS_WORKER_MODULE } from './synthesisWorker';
import type { SynthesizedEnvironment } from './types';
import { WorkerEnvironmentSynthesizer } from './WorkerEnvironmentSynthesizer';

// The real CDK app synthesizes in about 10 s on this machine; the worker
// also warms up with one synthesis first.
jest.setTimeout(180_000);

const scriptedWorker = require.resolve(
  '../../__testUtils__/scriptedSynthesisWorker',
);
const spec = (name: string) =>
  parseEnvironmentSpec({ ...SEED_ENVIRONMENT_INPUT, name });

describe('WorkerEnvironmentSynthesizer', () => {
  const synthesizers: WorkerEnvironmentSynthesizer[] = [];
  const create = (
    options: {
      maxQueued?: number;
      timeoutMs?: number;
      workerModule?: string;
    } = {},
  ) => {
    const logger = mockServices.logger.mock();
    const synthesizer = new WorkerEnvironmentSynthesizer({
      logger,
      workerModule: scriptedWorker,
      ...options,
    });
    synthesizers.push(synthesizer);
    return { synthesizer, logger };
  };
  afterEach(() => Promise.all(synthesizers.splice(0).map(s => s.stop())));

  it('synthesizes the bundled CDK app in the worker, with the same result as in-process', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'worker-synth-'));
    try {
      const { synthesizer, logger } = create({
        workerModule: SYNTHESIS_WORKER_MODULE,
      });
      synthesizer.start();
      const seed = defaultEnvironmentSpec();
      const [inWorker, inProcess] = await Promise.all([
        synthesizer.synthesize(seed, { outdir: path.join(dir, 'worker') }),
        new CdkEnvironmentSynthesizer().synthesize(seed, {
          outdir: path.join(dir, 'in-process'),
        }),
      ]);

      expect(logger.info).toHaveBeenCalledWith(
        expect.stringMatching(/^Synthesis worker ready: warmed up/),
      );
      expect(inWorker.assemblyDir).toBe(path.join(dir, 'worker'));
      expect(inWorker.stacks.length).toBeGreaterThan(5);
      expect(inWorker.checks.nag.passed).toBe(true);
      // The same data, and plain JSON (what the registry stores), so the
      // structured clone from the worker lost nothing.
      const withoutDir = (synthesis: SynthesizedEnvironment) => ({
        ...synthesis,
        assemblyDir: '',
      });
      expect(withoutDir(inWorker)).toEqual(
        JSON.parse(JSON.stringify(withoutDir(inProcess))),
      );
      await expect(fs.readdir(inWorker.assemblyDir)).resolves.toEqual(
        expect.arrayContaining(['manifest.json', 'tree.json']),
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a synthesis when the queue is full, naming the limit', async () => {
    const { synthesizer } = create({ maxQueued: 2 });
    const accepted = ['running-env', 'queued-env', 'queued-too-env'].map(name =>
      synthesizer.synthesize(spec(name), { outdir: `/${name}` }),
    );

    await expect(
      synthesizer.synthesize(spec('refused-env'), { outdir: '/refused' }),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message:
        'Cannot synthesize environment "refused-env": the synthesis queue is full (at most 2 syntheses wait while one runs); try again when running deployments have finished',
    });
    await expect(Promise.all(accepted)).resolves.toEqual(
      ['running-env', 'queued-env', 'queued-too-env'].map(name =>
        fixtureSynthesis(spec(name), `/${name}`),
      ),
    );
  });

  it('fails only the running synthesis when the worker dies, and a new worker takes the next', async () => {
    const { synthesizer, logger } = create();
    const crashing = synthesizer.synthesize(spec('crash-env'), {
      outdir: '/a',
    });
    const next = synthesizer.synthesize(spec('next-env'), { outdir: '/b' });

    await expect(crashing).rejects.toThrow(
      'The synthesis worker thread stopped (exit code 1, Error: Crashed on crash-env) while synthesizing environment "crash-env"; start the deployment again',
    );
    await expect(next).resolves.toEqual(
      fixtureSynthesis(spec('next-env'), '/b'),
    );
    expect(logger.error).toHaveBeenCalledWith(
      'Synthesis worker exited (code 1, Error: Crashed on crash-env); starting a new one',
    );
  });

  it('fails a synthesis that does not finish in time, naming the environment and the limit, and a new worker takes the next', async () => {
    const { synthesizer, logger } = create({ timeoutMs: 2000 });
    const looping = synthesizer.synthesize(spec('loop-env'), { outdir: '/a' });
    const next = synthesizer.synthesize(spec('next-env'), { outdir: '/b' });

    const timedOut =
      'Synthesis of environment "loop-env" did not finish within 2 seconds; the synthesis worker was restarted';
    await expect(looping).rejects.toThrow(timedOut);
    await expect(next).resolves.toEqual(
      fixtureSynthesis(spec('next-env'), '/b'),
    );
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      `Synthesis worker terminated: ${timedOut}; starting a new one`,
    );
  });

  it('passes a synthesis error through with its name and message', async () => {
    const { synthesizer } = create();

    await expect(
      synthesizer.synthesize(spec('fail-env'), { outdir: '/a' }),
    ).rejects.toMatchObject({
      name: 'Error',
      message: 'Cannot synthesize fail-env',
    });
    await expect(
      synthesizer.synthesize(spec('after-env'), { outdir: '/b' }),
    ).resolves.toEqual(fixtureSynthesis(spec('after-env'), '/b'));
  });

  it('does not restart a worker that dies before it is ready in a loop', async () => {
    const { synthesizer, logger } = create({
      workerModule: path.join(__dirname, 'missing.ts'),
    });

    await expect(
      synthesizer.synthesize(spec('any-env'), { outdir: '/a' }),
    ).rejects.toThrow(/Cannot find module .*missing\.ts/);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(
        /it died before it was ready, the next synthesis starts a new one$/,
      ),
    );
  });

  it('fails running and queued syntheses at stop and refuses new ones', async () => {
    const { synthesizer, logger } = create();
    const running = synthesizer.synthesize(spec('hang-env'), { outdir: '/a' });
    const queued = synthesizer.synthesize(spec('queued-env'), {
      outdir: '/b',
    });

    const stopped =
      'Synthesis stopped: the backend is shutting down; start the deployment again';
    await Promise.all([
      expect(running).rejects.toThrow(stopped),
      expect(queued).rejects.toThrow(stopped),
      synthesizer.stop(),
    ]);
    await expect(
      synthesizer.synthesize(spec('late-env'), { outdir: '/c' }),
    ).rejects.toThrow(
      'Cannot synthesize environment "late-env": the backend is shutting down',
    );
    expect(logger.error).not.toHaveBeenCalled();
  });
});
