export { EnvironmentView, ENVIRONMENT_TABS } from './EnvironmentView';
