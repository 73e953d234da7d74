export { Principal } from './Principal';
export type { PrincipalProps } from './Principal';
