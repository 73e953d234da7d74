import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  EnvironmentSpec,
  EnvironmentSpecError,
} from '@innovate/plugin-aws-environments-common';
import { deserializeError, serializeError } from './synthesisMessages';
import {
  EnvironmentSynthesis,
  EnvironmentSynthesisError,
  synthesizeEnvironment,
} from './synthesize';
import {
  synthesizeEnvironmentInWorker,
  synthesizeInThread,
} from './synthesizeInWorker';
import { tempOutdir, testSpec } from './__testUtils__/synth';

/** The longest the event loop went without running a 10 ms timer. */
async function longestStall<T>(work: () => Promise<T>) {
  let last = performance.now();
  let longestMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestMs = Math.max(longestMs, now - last);
    last = now;
  }, 10);
  try {
    const result = await work();
    return { result, longestMs: Math.max(longestMs, performance.now() - last) };
  } finally {
    clearInterval(timer);
  }
}

describe('synthesizeEnvironmentInWorker', () => {
  it('synthesizes in another thread, leaving the event loop free, with the in-process result', async () => {
    const spec = testSpec();
    const options = { estimate: { asOf: '2026-11-26' } };
    const outdir = tempOutdir();

    const { result: inWorker, longestMs } = await longestStall(() =>
      synthesizeEnvironmentInWorker(spec, { ...options, outdir }),
    );

    // In this thread the same synthesis holds the loop for seconds (the
    // first in a process for 5-8 s); here only the result's clone arrives.
    expect(longestMs).toBeLessThan(1000);
    expect(inWorker.assemblyDir).toBe(outdir);
    expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
    expect(inWorker.stacks.length).toBeGreaterThan(5);

    const inProcessDir = tempOutdir();
    const inProcess = await synthesizeEnvironment(spec, {
      ...options,
      outdir: inProcessDir,
    });
    const withoutDirs = (synthesis: EnvironmentSynthesis, dir: string) =>
      JSON.parse(JSON.stringify(synthesis).split(dir).join('<outdir>'));
    expect(withoutDirs(inWorker, outdir)).toEqual(
      withoutDirs(inProcess, inProcessDir),
    );
  });

  it('throws an invalid spec as the EnvironmentSpecError synthesizing in-process throws', async () => {
    const invalid = { ...testSpec(), name: 'Not_Valid' } as EnvironmentSpec;
    const inProcess = await synthesizeEnvironment(invalid).catch(e => e);

    const inWorker = await synthesizeEnvironmentInWorker(invalid).catch(e => e);

    expect(inProcess).toBeInstanceOf(EnvironmentSpecError);
    expect(inWorker).toBeInstanceOf(EnvironmentSpecError);
    expect(inWorker.message).toBe(inProcess.message);
    expect(inWorker.errors).toEqual(inProcess.errors);
  });

  it('fails naming the environment when the thread dies before it answers', async () => {
    const error = await synthesizeInThread(path.join(__dirname, 'missing.ts'), {
      spec: testSpec(),
      options: {},
    }).catch(e => e);

    expect(error).toBeInstanceOf(EnvironmentSynthesisError);
    expect(error.message).toMatch(
      /^The synthesis worker thread of environment "innovate-test" failed: Error: Cannot find module .*missing\.ts/,
    );
  });
});

describe('synthesis errors across threads', () => {
  it('keeps an EnvironmentSynthesisError, its stack and its cause', () => {
    const cause = new RangeError('the VPC is too small');
    const error = new EnvironmentSynthesisError(
      'Synthesis of environment "innovate-test" failed: the VPC is too small',
      { cause },
    );

    const copy = deserializeError(structuredClone(serializeError(error)));

    expect(copy).toBeInstanceOf(EnvironmentSynthesisError);
    expect(copy).toMatchObject({
      name: 'EnvironmentSynthesisError',
      message: error.message,
      stack: error.stack,
      cause: { name: 'RangeError', message: 'the VPC is too small' },
    });
  });

  it('turns anything else thrown into an Error with its name and message', () => {
    const typeError = deserializeError(serializeError(new TypeError('bad')));
    expect(typeError).toMatchObject({ name: 'TypeError', message: 'bad' });
    expect(deserializeError(serializeError('a string'))).toMatchObject({
      name: 'Error',
      message: 'a string',
    });
  });
});
