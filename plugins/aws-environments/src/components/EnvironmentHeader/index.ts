export { EnvironmentHeader } from './EnvironmentHeader';
