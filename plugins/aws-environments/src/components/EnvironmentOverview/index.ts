export { EnvironmentOverview } from './EnvironmentOverview';
