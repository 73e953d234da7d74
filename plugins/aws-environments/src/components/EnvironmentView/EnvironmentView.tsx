import { ComponentType } from 'react';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import {
  Link as RouterLink,
  Route,
  Routes,
  useLocation,
  useResolvedPath,
} from 'react-router-dom';
import { AlarmsCard } from '../AlarmsCard';
import { ArchitectureView } from '../ArchitectureView';
import { ClusterCard } from '../ClusterCard';
import { CostCard } from '../CostCard';
import { DatabaseCard } from '../DatabaseCard';
import { EnvironmentOverview } from '../EnvironmentOverview';
import { DeploymentsTab } from './DeploymentsTab';

/** The tabs of an environment: path relative to the environment, and view. */
const ENVIRONMENT_TABS: Array<{
  path: string;
  label: string;
  View: ComponentType<{ environment: string }>;
}> = [
  { path: '', label: 'Overview', View: EnvironmentOverview },
  { path: 'architecture', label: 'Architecture', View: ArchitectureView },
  { path: 'cluster', label: 'Cluster', View: ClusterCard },
  { path: 'database', label: 'Database', View: DatabaseCard },
  { path: 'alarms', label: 'Alarms', View: AlarmsCard },
  { path: 'cost', label: 'Cost', View: CostCard },
  { path: 'deployments', label: 'Deployments', View: DeploymentsTab },
];

/**
 * The tabs of one environment (Overview, Architecture, Cluster, Database,
 * Alarms, Cost, Deployments) and their routes, relative to where it is mounted: under
 * `/aws-environments/:name` or as an entity's content.
 */
export function EnvironmentView(props: { environment: string }) {
  const { environment } = props;
  const base = useResolvedPath('.').pathname.replace(/\/+$/, '');
  const location = useLocation();
  const rest = location.pathname.startsWith(base)
    ? location.pathname.slice(base.length).replace(/^\/+/, '').split('/')[0]
    : '';
  const current = ENVIRONMENT_TABS.findIndex(tab => tab.path === rest);

  return (
    <>
      <Tabs
        value={current === -1 ? false : current}
        aria-label={`Views of environment ${environment}`}
        indicatorColor="primary"
        textColor="primary"
        variant="scrollable"
        scrollButtons="auto"
      >
        {ENVIRONMENT_TABS.map(tab => (
          <Tab
            key={tab.label}
            label={tab.label}
            component={RouterLink}
            to={tab.path ? `${base}/${tab.path}` : base || '/'}
          />
        ))}
      </Tabs>
      <Box mt={3}>
        <Routes>
          {ENVIRONMENT_TABS.map(({ path, label, View }) => (
            <Route
              key={label}
              index={path === ''}
              path={path || undefined}
              element={<View environment={environment} />}
            />
          ))}
          <Route
            path="*"
            element={
              <Typography>
                There is no such view of {environment}; pick a tab above.
              </Typography>
            }
          />
        </Routes>
      </Box>
    </>
  );
}
