export * as fixtures from './fixtures';
export { FakeAwsEnvironmentsApi } from './FakeAwsEnvironmentsApi';
export { responseError } from './responseError';
export { wizardInitialState, wizardManifest } from './wizardManifest';
export { ALLOW, DENY, renderWithApi } from './renderWithApi';
export type { RenderWithApiOptions } from './renderWithApi';
