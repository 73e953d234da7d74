import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { NotAllowedError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import {
  defaultEnvironmentSpec,
  estimateFromSpec,
  validateEnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { fixtureEnvironment } from '../__testUtils__/fixtureEnvironment';
import { permittedRequester } from '../__testUtils__/requester';
import type { AccessCheck } from '../services/Access/types';
import { DataSourceError } from '../errors';
import { registerEnvironmentActions } from '.';
import type { ActionServices } from './context';

const seed = defaultEnvironmentSpec();
const environment = fixtureEnvironment(seed);
const FOUR_NODES = [
  { field: 'cluster.applicationNodeGroup.desiredSize', value: 4 },
];

function setup(options: { denied?: string[] } = {}) {
  const denied = new Set(options.denied ?? []);
  const authorize = async (
    _: BackstageCredentials,
    ...checks: AccessCheck[]
  ) => {
    for (const { permission, resource } of checks) {
      if (denied.has(permission.name)) {
        throw new NotAllowedError(
          `Not allowed: ${permission.name} is required on environment '${resource.name}'`,
        );
      }
    }
  };
  const services = {
    auditor: mockServices.auditor.mock(),
    access: {
      authorize: jest.fn(authorize),
      filter: jest.fn(async (_c, _p, resources) => resources),
      requester: jest.fn(() => permittedRequester('user:default/mock')),
    },
    registry: {
      listEnvironments: jest.fn(async () => [environment]),
      getEnvironment: jest.fn(async (name: string) =>
        name === seed.name ? environment : undefined,
      ),
      getEnvironmentHeader: jest.fn(async (name: string) =>
        name === seed.name
          ? { ...environment, deployed: true, lastDeploymentId: 'd1' }
          : undefined,
      ),
    },
    deployments: {
      requestDeployment: jest.fn(async (name: string) => ({
        id: 'dep-1',
        environment: name,
        status: 'queued' as const,
      })),
    },
    views: { getView: jest.fn() },
    preview: { preview: jest.fn() },
    validateSpec: validateEnvironmentSpec,
    estimate: (spec: typeof seed) => estimateFromSpec(spec),
    appBaseUrl: 'http://portal.example/',
  } satisfies ActionServices;
  const event = { success: jest.fn(), fail: jest.fn() };
  services.auditor.createEvent.mockResolvedValue(event);
  const actionsRegistry = actionsRegistryServiceMock();
  registerEnvironmentActions(actionsRegistry, services);
  const invoke = (
    name: string,
    input: JsonObject,
    credentials: BackstageCredentials = mockCredentials.user(),
  ) => actionsRegistry.invoke({ id: `test:${name}`, input, credentials });
  return { services, invoke, event, actionsRegistry };
}

describe('aws-environments actions', () => {
  it('registers five actions with truthful attributes', async () => {
    const { actionsRegistry } = setup();
    const { actions } = await actionsRegistry.list();
    expect(
      Object.fromEntries(actions.map(a => [a.name, a.attributes])),
    ).toEqual({
      'list-aws-environments': {
        readOnly: true,
        idempotent: true,
        destructive: false,
      },
      'get-aws-environment-view': {
        readOnly: true,
        idempotent: false,
        destructive: false,
      },
      'estimate-aws-environment': {
        readOnly: true,
        idempotent: true,
        destructive: false,
      },
      'preview-aws-environment-change': {
        readOnly: true,
        idempotent: true,
        destructive: false,
      },
      'request-aws-environment-deployment': {
        readOnly: false,
        idempotent: false,
        destructive: true,
      },
    });
    // The model sees the strict schema: required fields and enums.
    const view = actions.find(a => a.name === 'get-aws-environment-view')!;
    expect(view.schema.input).toMatchObject({
      type: 'object',
      required: ['environment', 'view'],
      properties: {
        view: {
          enum: ['cluster', 'database', 'alarms', 'cost', 'drift', 'domain'],
        },
      },
      additionalProperties: false,
    });
  });

  describe('list-aws-environments', () => {
    it('names a bad field', async () => {
      const { invoke, services } = setup();
      await expect(
        invoke('list-aws-environments', { owner: 5, extra: true }),
      ).rejects.toThrow(
        'owner: Expected string, received number; extra: is not a field of this action',
      );
      expect(services.registry.listEnvironments).not.toHaveBeenCalled();
    });

    it('gives nulls and an error for a view that fails, not a failed call', async () => {
      const { invoke, services, event } = setup();
      services.views.getView.mockImplementation(async (_name, view) => {
        if (view === 'cost') {
          throw new DataSourceError('throttled', 'Cost Explorer throttled');
        }
        return {
          source: 'sandbox',
          stale: false,
          alarms: [{ state: 'ALARM' }, { state: 'OK' }],
        };
      });
      const { output } = await invoke('list-aws-environments', {});
      expect(output).toEqual({
        environments: [
          expect.objectContaining({
            name: seed.name,
            owner: 'group:default/platform-team',
            source: 'sandbox',
            budgetUsd: 430,
            monthToDateUsd: null,
            budgetVerdict: null,
            firingAlarms: 1,
            errors: [
              {
                view: 'cost',
                message: 'DataSourceError: Cost Explorer throttled',
              },
            ],
          }),
        ],
      });
      expect(event.success).toHaveBeenCalledWith({ meta: { count: 1 } });
    });
  });

  describe('get-aws-environment-view', () => {
    it('names the view that is not one', async () => {
      const { invoke, services } = setup();
      await expect(
        invoke('get-aws-environment-view', {
          environment: seed.name,
          view: 'costs',
        }),
      ).rejects.toThrow(
        "view: Invalid enum value. Expected 'cluster' | 'database' | 'alarms' | 'cost' | 'drift' | 'domain', received 'costs'",
      );
      await expect(
        invoke('get-aws-environment-view', { view: 'cost' }),
      ).rejects.toThrow('environment: Required');
      expect(services.views.getView).not.toHaveBeenCalled();
      expect(services.auditor.createEvent).not.toHaveBeenCalled();
    });

    it('names the read permission it lacks', async () => {
      const { invoke, services, event } = setup({
        denied: ['aws-environment.read'],
      });
      await expect(
        invoke('get-aws-environment-view', {
          environment: seed.name,
          view: 'cost',
        }),
      ).rejects.toThrow('aws-environment.read is required');
      expect(services.views.getView).not.toHaveBeenCalled();
      expect(event.fail).toHaveBeenCalled();
    });
  });

  describe('estimate-aws-environment', () => {
    it.each([
      [{}, 'environment: is required without a spec'],
      [{ changes: FOUR_NODES }, 'environment: is required with changes'],
      [
        { environment: seed.name, changes: FOUR_NODES, spec: { name: 'x' } },
        'changes: give either a full spec or changes, not both',
      ],
      [
        {
          environment: seed.name,
          changes: [
            {
              field: 'cluster.applicationNodeGroup.desiredSize',
              value: 'four',
            },
          ],
        },
        'changes.0.value: cluster.applicationNodeGroup.desiredSize:',
      ],
      [
        {
          environment: seed.name,
          changes: [{ field: 'region.code', value: 'x' }],
        },
        "changes.0.field: 'region' is a string, not an object with fields",
      ],
      [
        { environment: seed.name, changes: [{ field: 'a..b', value: 1 }] },
        "changes.0.field: 'a..b' is not a dotted path of spec fields",
      ],
      [
        { environment: seed.name, changes: [] },
        'changes: Array must contain at least 1 element(s)',
      ],
      [{ spec: { name: 42 } }, 'spec.name:'],
    ])('names the bad field of %j', async (input, message) => {
      const { invoke } = setup();
      await expect(
        invoke('estimate-aws-environment', input as JsonObject),
      ).rejects.toThrow(message);
    });

    it('prices a change against the current spec, by line', async () => {
      const { invoke } = setup();
      const { output } = (await invoke('estimate-aws-environment', {
        environment: seed.name,
        changes: FOUR_NODES,
      })) as { output: any };
      expect(output.comparedTo.lines).toEqual([
        expect.objectContaining({
          id: 'node-group-application',
          // Labelled as proposed.
          label: 'EKS application node group (4 × t3.large)',
          deltaUsd: expect.closeTo(121, 0),
        }),
        expect.objectContaining({ id: 'node-volumes' }),
        // Container Insights is priced per node.
        expect.objectContaining({ id: 'cloudwatch' }),
      ]);
      expect(output.comparedTo.specChanges).toEqual([
        {
          field: 'cluster.applicationNodeGroup.desiredSize',
          before: seed.cluster.applicationNodeGroup.desiredSize,
          after: 4,
        },
      ]);
    });
  });

  describe('preview-aws-environment-change', () => {
    it('names the missing change and previews nothing', async () => {
      const { invoke, services } = setup();
      await expect(
        invoke('preview-aws-environment-change', { environment: seed.name }),
      ).rejects.toThrow('changes: is required (or a full spec)');
      await expect(
        invoke('preview-aws-environment-change', {
          environment: seed.name,
          changes: FOUR_NODES,
          acceptDataLoss: 'Database',
        }),
      ).rejects.toThrow('acceptDataLoss: Expected array, received string');
      expect(services.preview.preview).not.toHaveBeenCalled();
    });

    it('needs a user and the update permission', async () => {
      const { invoke, services } = setup({
        denied: ['aws-environment.update'],
      });
      const input = { environment: seed.name, changes: FOUR_NODES };
      await expect(
        invoke(
          'preview-aws-environment-change',
          input,
          mockCredentials.service('plugin:catalog'),
        ),
      ).rejects.toThrow("Previewing a change needs a signed-in user's token");
      await expect(
        invoke('preview-aws-environment-change', input),
      ).rejects.toThrow('aws-environment.update is required');
      expect(services.preview.preview).not.toHaveBeenCalled();
    });
  });

  describe('request-aws-environment-deployment', () => {
    it.each([
      [
        { environment: seed.name, changes: FOUR_NODES, approval: 'auto' },
        'approval: is not a field of this action',
      ],
      [
        { environment: seed.name, changes: FOUR_NODES, mode: 'create' },
        'mode: is not a field of this action',
      ],
      [
        {
          environment: seed.name,
          changes: [
            { field: 'cluster.applicationNodeGroup.desiredSize', value: -1 },
          ],
        },
        'changes.0.value: cluster.applicationNodeGroup.desiredSize:',
      ],
      [
        {
          environment: seed.name,
          spec: { ...seed, name: 'another' } as unknown as JsonObject,
        },
        "spec.name: must stay the environment name 'innovate-prod'",
      ],
      [{ changes: FOUR_NODES }, 'environment: Required'],
    ])(
      'names the bad field of %j and creates nothing',
      async (input, message) => {
        const { invoke, services } = setup();
        await expect(
          invoke('request-aws-environment-deployment', input as JsonObject),
        ).rejects.toThrow(message);
        expect(services.deployments.requestDeployment).not.toHaveBeenCalled();
      },
    );

    it('names the permission it lacks and creates nothing', async () => {
      const { invoke, services, event } = setup({
        denied: ['aws-environment.update'],
      });
      await expect(
        invoke('request-aws-environment-deployment', {
          environment: seed.name,
          changes: FOUR_NODES,
        }),
      ).rejects.toThrow('aws-environment.update is required');
      expect(services.deployments.requestDeployment).not.toHaveBeenCalled();
      expect(event.fail).toHaveBeenCalled();
    });

    it('always asks for approval, as an update', async () => {
      const { invoke, services } = setup();
      const { output } = await invoke('request-aws-environment-deployment', {
        environment: seed.name,
        changes: FOUR_NODES,
      });
      expect(services.deployments.requestDeployment).toHaveBeenCalledWith(
        seed.name,
        expect.objectContaining({ mode: 'update', approval: 'required' }),
        expect.anything(),
      );
      expect(output).toMatchObject({
        deploymentId: 'dep-1',
        approval: 'required',
        url: 'http://portal.example/aws-environments/innovate-prod/deployments',
      });
      expect(services.auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'environment-deploy',
          meta: expect.objectContaining({
            via: 'mcp-actions',
            actor: 'user:default/mock',
            approval: 'required',
          }),
        }),
      );
    });
  });
});
