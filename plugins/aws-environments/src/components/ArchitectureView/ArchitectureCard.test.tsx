import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  ANNOTATION_AWS_COMPONENT,
  ANNOTATION_AWS_ENVIRONMENT,
} from '@innovate/plugin-aws-environments-common';
import { architectureEntityCard } from '../../plugin';
import { FakeAwsEnvironmentsApi, renderWithApi } from '../../__testUtils__';
import { ArchitectureCard } from './ArchitectureCard';
import { mockReactFlow } from './testing/mockReactFlow';

beforeAll(mockReactFlow);

function entity(component: string, name = 'innovate-prod'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        [ANNOTATION_AWS_ENVIRONMENT]: 'innovate-prod',
        [ANNOTATION_AWS_COMPONENT]: component,
      },
    },
  };
}

describe('ArchitectureCard', () => {
  it('is on the environment entity only', () => {
    const filter = createExtensionTester(architectureEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    expect(filter?.(entity('environment'))).toBe(true);
    for (const component of ['eks-cluster', 'rds-instance', 'budget', 'vpc']) {
      expect(filter?.(entity(component))).toBe(false);
    }
  });

  it("links each part's view to the entity's own environment tabs", async () => {
    renderWithApi(
      <EntityProvider entity={entity('environment')}>
        <ArchitectureCard />
      </EntityProvider>,
      new FakeAwsEnvironmentsApi(),
    );
    expect(
      await screen.findByRole('heading', { name: 'Architecture', level: 2 }),
    ).toBeInTheDocument();
    const rds = within(await screen.findByTestId('architecture-part-rds'));
    expect(rds.getByRole('link', { name: 'Database view' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/innovate-prod/aws-environment/database',
    );
  });
});
