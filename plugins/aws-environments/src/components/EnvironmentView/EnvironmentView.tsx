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
import { ClusterCard } from '../ClusterCard';
import { CostCard } from '../CostCard';
import { DatabaseCard } from '../DatabaseCard';
import { DeploymentsCard } from '../DeploymentsCard';
import { EnvironmentOverview } from '../EnvironmentOverview';

/** The tabs of an environment, by path relative to the environment. */
export const ENVIRONMENT_TABS = [
  { path: '', label: 'Overview' },
  { path: 'cluster', label: 'Cluster' },
  { path: 'database', label: 'Database' },
  { path: 'alarms', label: 'Alarms' },
  { path: 'cost', label: 'Cost' },
  { path: 'deployments', label: 'Deployments' },
] as const;

/**
 * The tabs of one environment (Overview, Cluster, Database, Alarms, Cost,
 * Deployments) and their routes, relative to where it is mounted: under
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
          <Route
            index
            element={<EnvironmentOverview environment={environment} />}
          />
          <Route
            path="cluster"
            element={<ClusterCard environment={environment} />}
          />
          <Route
            path="database"
            element={<DatabaseCard environment={environment} />}
          />
          <Route
            path="alarms"
            element={<AlarmsCard environment={environment} />}
          />
          <Route path="cost" element={<CostCard environment={environment} />} />
          <Route
            path="deployments"
            element={<DeploymentsCard environment={environment} />}
          />
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
