export { EnvironmentView } from './EnvironmentView';
