import {
  planDestroy,
  stackReferences,
} from '@innovate/plugin-aws-environments-common';
import { EnvironmentSynthesis, synthesizeEnvironment } from './synthesize';
import { tempOutdir, testSpec } from './__testUtils__/synth';

/** Every stack a kept or later-deleted stack reads must still exist then. */
function expectSafeOrder(
  synthesis: EnvironmentSynthesis,
  plan: ReturnType<typeof planDestroy<EnvironmentSynthesis['stacks'][number]>>,
) {
  const references = stackReferences(synthesis.stacks);
  const kept = new Set(plan.keep.map(s => s.stackName));
  for (const stack of plan.keep) {
    for (const producer of references.get(stack.stackName) ?? []) {
      expect({
        kept: stack.stackName,
        reads: producer,
        producerKept: kept.has(producer),
      }).toEqual({
        kept: stack.stackName,
        reads: producer,
        producerKept: true,
      });
    }
  }
  const deleted = new Set<string>();
  for (const stack of plan.remove) {
    for (const consumer of synthesis.stacks) {
      if (references.get(consumer.stackName)?.has(stack.stackName)) {
        // Whoever reads this stack is already gone, or is kept (an error above).
        expect({
          deleting: stack.stackName,
          readBy: consumer.stackName,
          readerGone: deleted.has(consumer.stackName),
        }).toEqual({
          deleting: stack.stackName,
          readBy: consumer.stackName,
          readerGone: true,
        });
      }
    }
    deleted.add(stack.stackName);
  }
}

describe('planDestroy on the synthesized environment', () => {
  let synthesis: EnvironmentSynthesis;

  beforeAll(async () => {
    synthesis = await synthesizeEnvironment(testSpec(), {
      outdir: tempOutdir(),
    });
  });

  it('reads the cross-stack references of the templates', () => {
    const references = stackReferences(synthesis.stacks);
    expect([...references.get('innovate-test-database')!]).toEqual(
      expect.arrayContaining(['innovate-test-network']),
    );
    expect([...references.get('innovate-test-network')!]).toEqual([]);
  });

  it('keeps the database with every stack it reads, and the account baseline, and deletes the rest consumers first', () => {
    const plan = planDestroy(synthesis.stacks, { destroyData: false });
    expect(plan.keep.map(s => s.stackName)).toEqual(
      expect.arrayContaining([
        'innovate-test-network',
        'innovate-test-database',
        'innovate-account-baseline',
      ]),
    );
    expect(plan.keep.length + plan.remove.length).toBe(synthesis.stacks.length);
    expectSafeOrder(synthesis, plan);
  });

  it('deletes every stack but the shared account baseline, consumers first, when the data goes too', () => {
    const plan = planDestroy(synthesis.stacks, { destroyData: true });
    expect(plan.keep.map(s => s.stackName)).toEqual([
      'innovate-account-baseline',
    ]);
    expect(plan.remove.map(s => s.stackName).at(-1)).toBe(
      'innovate-test-network',
    );
    expectSafeOrder(synthesis, plan);
  });
});
