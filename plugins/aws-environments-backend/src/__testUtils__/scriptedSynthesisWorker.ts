import { parentPort } from 'node:worker_threads';
import { serveSyntheses } from '../services/Synthesizer/synthesisProtocol';
import { fixtureSynthesis } from './fakeSynthesizer';

/**
 * A synthesis worker entry for tests: the real protocol, with behaviour
 * chosen by the environment's name. `crash-…` kills the thread with an
 * uncaught error, `fail-…` answers with an error, `hang-…` never answers,
 * `loop-…` never answers and blocks the thread in an endless loop (as a
 * construct could); any other name gets the fixture synthesis.
 */
if (parentPort) {
  serveSyntheses(
    parentPort,
    {
      async synthesize(spec, { outdir }) {
        if (spec.name.startsWith('crash-')) {
          setImmediate(() => {
            throw new Error(`Crashed on ${spec.name}`);
          });
          return new Promise(() => {});
        }
        if (spec.name.startsWith('fail-')) {
          throw new Error(`Cannot synthesize ${spec.name}`);
        }
        if (spec.name.startsWith('hang-')) {
          return new Promise(() => {});
        }
        if (spec.name.startsWith('loop-')) {
          for (;;) {
            // Blocks the thread; only terminating it ends this.
          }
        }
        return fixtureSynthesis(spec, outdir);
      },
    },
    async () => {},
  );
}
