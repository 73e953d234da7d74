import { useCallback } from 'react';
import { InfoCard } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import { ANNOTATION_AWS_ENVIRONMENT } from '@innovate/plugin-aws-environments-common';
import { environmentOf } from '../EntityAwsEnvironment/entityAnnotations';
import { ArchitectureView } from './ArchitectureView';
import type { PartTab } from './model/types';

/**
 * The architecture drawing as a card on the environment's catalog entity;
 * its view links go to the entity's own AWS Environment tabs.
 */
export function ArchitectureCard() {
  const { entity } = useEntity();
  const entityLink = useEntityRefLink();
  const environment = environmentOf(entity);
  const base = entityLink(entity);
  const tabHref = useCallback(
    (tab: PartTab) => `${base}/aws-environment/${tab}`,
    [base],
  );
  if (!environment) {
    return (
      <MissingAnnotationEmptyState annotation={ANNOTATION_AWS_ENVIRONMENT} />
    );
  }
  return (
    <div data-testid="architecture-card">
      <InfoCard title="Architecture" titleTypographyProps={{ component: 'h2' }}>
        <ArchitectureView environment={environment} tabHref={tabHref} />
      </InfoCard>
    </div>
  );
}
