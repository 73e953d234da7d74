import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Box from '@material-ui/core/Box';
import { Progress } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import type { EnvironmentDetail } from '@innovate/plugin-aws-environments-common';
import {
  useAlarmsView,
  useClusterView,
  useCostView,
  useDatabaseView,
  useDomainView,
  useDriftView,
  useEnvironment,
  type QueryResult,
} from '../../hooks';
import { QueryContent } from '../QueryContent';
import { ViewError } from '../QueryContent/ViewError';
import { SourceBadge } from '../SourceBadge';
import { ArchitectureList } from './ArchitectureList';
import { ArchitectureDiagram } from './diagram/ArchitectureDiagram';
import type { ArchitectureLinks } from './diagram/flowElements';
import { layoutArchitecture } from './layout/elkLayout';
import { buildArchitecture } from './model/architecture';
import type { ArchitectureModel, PartTab } from './model/types';

/** Props of {@link ArchitectureView}. */
export interface ArchitectureViewProps {
  /** The environment's name in the aws-environments backend. */
  environment: string;
  /**
   * Where a part's view link goes; by default the environment's tab beside
   * this one (`../cluster`), as on the environment page.
   */
  tabHref?: (tab: PartTab) => string;
}

/** The parts and layers that decide the layout (not their states). */
function shapeOf(model: ArchitectureModel): string {
  return model.parts.map(part => `${part.layer}:${part.id}`).join(',');
}

/** The views that failed, each with its error and a retry. */
function FailedViews(props: { views: Array<[string, QueryResult<unknown>]> }) {
  const failed = props.views.filter(([, query]) => query.error);
  if (failed.length === 0) {
    return null;
  }
  return (
    <Box mb={1}>
      {failed.map(([what, query]) => (
        <ViewError
          key={what}
          what={what}
          error={query.error!}
          onRetry={query.retry}
          inline
        />
      ))}
    </Box>
  );
}

function Drawing(props: {
  detail: EnvironmentDetail;
  tabHref: (tab: PartTab) => string;
}) {
  const { detail } = props;
  const name = detail.name;
  const views = {
    cluster: useClusterView(name),
    database: useDatabaseView(name),
    alarms: useAlarmsView(name),
    cost: useCostView(name),
    drift: useDriftView(name),
    domain: useDomainView(name),
  };
  const model = buildArchitecture({ environment: detail, ...views });
  const shape = shapeOf(model);
  // Laid out again only when parts come or go, not when a state changes.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const layout = useAsyncRetry(() => layoutArchitecture(model), [shape]);
  const entityLink = useEntityRefLink();
  const links: ArchitectureLinks = useMemo(
    () => ({ entityHref: ref => entityLink(ref), tabHref: props.tabHref }),
    [entityLink, props.tabHref],
  );

  return (
    <>
      <Box display="flex" alignItems="center" mb={1} style={{ gap: 8 }}>
        <SourceBadge source={detail.source} />
      </Box>
      <FailedViews
        views={[
          ['the cluster view', views.cluster],
          ['the database view', views.database],
          ['the alarms view', views.alarms],
          ['the cost view', views.cost],
          ['the drift view', views.drift],
          ['the domain view', views.domain],
        ]}
      />
      {layout.error && (
        <ViewError
          what="the architecture drawing"
          error={layout.error}
          onRetry={layout.retry}
          failedTo="show"
          inline
        />
      )}
      {layout.loading && <Progress aria-label="Laying out the architecture" />}
      {layout.value && (
        <ArchitectureDiagram
          environment={name}
          model={model}
          layout={layout.value}
          links={links}
        />
      )}
      <Box mt={1}>
        <ArchitectureList model={model} links={links} />
      </Box>
    </>
  );
}

const siblingTab = (tab: PartTab) => `../${tab}`;

/**
 * The environment drawn as the seed's diagram, in layers (edge, public
 * subnets, private subnets, isolated database subnets, regional services),
 * each part with its live status and monthly cost from the views the
 * environment page already loads. A failing view shows on its parts
 * ("Unknown", "Cost unavailable") and above the drawing, never instead of it.
 */
export function ArchitectureView(props: ArchitectureViewProps) {
  const query = useEnvironment(props.environment);
  return (
    <QueryContent query={query} what="the environment">
      {detail => (
        <Drawing detail={detail} tabHref={props.tabHref ?? siblingTab} />
      )}
    </QueryContent>
  );
}
