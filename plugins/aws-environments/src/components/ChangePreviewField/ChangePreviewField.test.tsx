import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TemplateParameterSchema } from '@backstage/plugin-scaffolder-react';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import type {
  PreviewRequest,
  PreviewResponse,
} from '@innovate/plugin-aws-environments-common';
import {
  renderWithApi,
  responseError,
  wizardInitialState,
  wizardManifest,
} from '../../__testUtils__';
import {
  previewScaleOut,
  previewVpcReplacement,
} from '../../__testUtils__/previewFixtures';
import { costEstimateFieldExtension } from '../CostEstimateField';
import { changePreviewFieldExtension } from './fieldExtension';

jest.setTimeout(30_000);

/** The test wizard with the mode and the change preview on its last page. */
const manifest: TemplateParameterSchema = {
  ...wizardManifest,
  steps: [
    ...wizardManifest.steps,
    {
      title: 'Review and deploy',
      schema: {
        type: 'object',
        properties: {
          mode: { type: 'string', title: 'Mode', enum: ['create', 'update'] },
          changePreview: {
            type: 'object',
            title: 'Preview of the change',
            'ui:field': 'AwsEnvironmentChangePreview',
          },
        },
      },
    },
  ],
};

async function renderWizard(
  previewChanges: (
    name: string,
    request: PreviewRequest,
  ) => Promise<PreviewResponse>,
  mode: 'create' | 'update' = 'update',
) {
  const onCreate = jest.fn().mockResolvedValue(undefined);
  const api = { previewChanges: jest.fn(previewChanges) };
  await renderWithApi(
    <Stepper
      manifest={manifest}
      initialState={{
        ...wizardInitialState,
        cluster: {
          applicationNodeGroup: { minSize: 2, desiredSize: 4, maxSize: 20 },
        },
        mode,
      }}
      extensions={[costEstimateFieldExtension, changePreviewFieldExtension]}
      onCreate={onCreate}
    />,
    api,
  );
  for (let page = 0; page < 2; page++) {
    await userEvent.click(await screen.findByRole('button', { name: 'Next' }));
  }
  return { onCreate, api };
}

describe('ChangePreviewField', () => {
  it('shows the modify rows and the cost by line of an update, and passes it on', async () => {
    const { onCreate, api } = await renderWizard(async () => previewScaleOut);

    const preview = await screen.findByTestId('change-preview', undefined, {
      timeout: 5_000,
    });
    expect(
      within(preview).getByTestId('change-preview-delta'),
    ).toHaveTextContent('+$121 a month');
    const resources = within(preview).getByRole('table', {
      name: 'Resource changes',
    });
    expect(within(resources).getAllByText('modify')).toHaveLength(2);
    const cost = within(preview).getByRole('table', {
      name: 'Cost by line (USD a month)',
    });
    expect(
      within(cost).getByRole('rowheader', {
        name: 'EKS application node group (4 × t3.large)',
      }),
    ).toBeInTheDocument();
    expect(
      within(cost).queryByRole('rowheader', { name: /EKS control plane/ }),
    ).toBeNull();
    expect(api.previewChanges).toHaveBeenCalledWith('innovate-dev', {
      spec: expect.objectContaining({
        cluster: {
          applicationNodeGroup: { minSize: 2, desiredSize: 4, maxSize: 20 },
        },
      }),
      acceptDataLoss: [],
    });

    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    expect(onCreate).toHaveBeenCalledWith(
      expect.objectContaining({
        changePreview: {
          state: 'ready',
          acceptDataLoss: [],
          problems: [],
          deltaUsd: 121.47,
        },
      }),
    );
  });

  it('blocks a replacement of stateful resources until each loss is accepted', async () => {
    const { onCreate, api } = await renderWizard(async (_name, request) =>
      request.acceptDataLoss?.length === 2
        ? { ...previewVpcReplacement, blocked: [] }
        : previewVpcReplacement,
    );
    const blocked = await screen.findByText(
      /Blocked: 2 reasons stop this change/,
      undefined,
      { timeout: 5_000 },
    );
    expect(blocked).toBeInTheDocument();
    expect(screen.getAllByText('replace (data loss)')).toHaveLength(2);

    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      await screen.findAllByText(/network\.vpcCidr: Replaces DatabaseInstance/),
    ).not.toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();

    for (const box of screen.getAllByRole('checkbox', { name: /I accept/ })) {
      await userEvent.click(box);
    }
    await waitFor(
      () =>
        expect(api.previewChanges).toHaveBeenLastCalledWith('innovate-dev', {
          spec: expect.anything(),
          acceptDataLoss: ['Vpc8378EB38', 'DatabaseInstance'],
        }),
      { timeout: 5_000 },
    );
    await waitFor(() => expect(screen.queryByText(/Blocked:/)).toBeNull(), {
      timeout: 5_000,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    expect(onCreate).toHaveBeenCalledWith(
      expect.objectContaining({
        changePreview: expect.objectContaining({
          state: 'ready',
          acceptDataLoss: ['Vpc8378EB38', 'DatabaseInstance'],
        }),
      }),
    );
  });

  it("names the field and the way out when the backend refuses the update's rules", async () => {
    const { onCreate } = await renderWizard(async () => {
      throw await responseError(400, 'invalid', {
        fieldErrors: [
          {
            field: 'spec.cluster.kubernetesVersion',
            message:
              'cannot go from 1.33 to 1.35 in one step: EKS upgrades one minor version at a time. Upgrade to 1.34 first',
          },
        ],
      });
    });
    expect(
      await screen.findByText(/Upgrade to 1\.34 first/, undefined, {
        timeout: 5_000,
      }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();
    expect(onCreate).not.toHaveBeenCalled();
  });

  it('stays out of the way when the wizard creates an environment', async () => {
    const { onCreate, api } = await renderWizard(
      async () => previewScaleOut,
      'create',
    );
    expect(
      screen.queryByRole('heading', { name: 'Preview of the change' }),
    ).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    expect(api.previewChanges).not.toHaveBeenCalled();
    expect(onCreate).toHaveBeenCalledWith(
      expect.objectContaining({
        changePreview: { state: 'create', acceptDataLoss: [], problems: [] },
      }),
    );
  });
});
