import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createDeployAction } from './deploy';
import { examples as deployExamples } from './deploy.examples';
import { createDestroyAction } from './destroy';
import { examples as destroyExamples } from './destroy.examples';
import { createEstimateAction } from './estimate';
import { createSynthAction } from './synth';
import {
  environmentDetail,
  FakeAwsEnvironmentsBackend,
  FakeCatalogLookup,
} from '../testUtils/FakeAwsEnvironmentsBackend';

// Every example of every action, replayed against the action itself (the
// backend is faked; synth is real).
function inputsOf(action: { examples?: { example: string }[] }) {
  return (action.examples ?? []).map(e => yaml.parse(e.example).steps[0].input);
}

describe('action examples', () => {
  it('estimate examples run', async () => {
    const action = createEstimateAction();
    for (const input of inputsOf(action)) {
      const ctx = createMockActionContext({ input });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith(
        'budgetUsd',
        input.spec.budget.monthlyUsd ?? 430,
      );
    }
  });

  it('synth examples run', async () => {
    const action = createSynthAction();
    for (const input of inputsOf(action)) {
      const ctx = createMockActionContext({ input });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith(
        'assemblyPath',
        `${input.targetPath ?? 'infrastructure'}/cdk.out`,
      );
    }
  }, 240_000);

  it('deploy examples run', async () => {
    // Each example gets a backend set up for it (an existing environment
    // for updates, a change set awaiting approval).
    for (const input of inputsOf({ examples: deployExamples })) {
      const backend = new FakeAwsEnvironmentsBackend();
      if (input.mode === 'update') {
        backend.environments.set(
          input.spec.name,
          environmentDetail(input.spec.name),
        );
      }
      if (input.approval === 'required') {
        backend.script = [
          { status: 'awaiting-approval', events: ['Change sets created'] },
        ];
      }
      const ctx = createMockActionContext({ input });
      await createDeployAction({
        backend,
        catalog: new FakeCatalogLookup(),
        auth: mockServices.auth(),
        appBaseUrl: 'http://portal.test',
        pollIntervalMs: 1,
      }).handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith(
        'deploymentId',
        `dep-${input.spec.name}`,
      );
      expect(backend.requests[0].owner).toBe(input.owner);
    }
  });

  it('destroy examples run', async () => {
    for (const input of inputsOf({ examples: destroyExamples })) {
      const backend = new FakeAwsEnvironmentsBackend();
      backend.environments.set(input.name, environmentDetail(input.name));
      const ctx = createMockActionContext({ input });
      await createDestroyAction({
        backend,
        auth: mockServices.auth(),
        appBaseUrl: 'http://portal.test',
        pollIntervalMs: 1,
      }).handler(ctx);
      expect(backend.calls).toContain(
        `destroyEnvironment ${input.name} destroyData=${!!input.destroyData}`,
      );
    }
  });
});
