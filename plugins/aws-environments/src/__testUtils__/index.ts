export * as fixtures from './fixtures';
export * as domainFixtures from './domainFixtures';
export { FakeAwsEnvironmentsApi } from './FakeAwsEnvironmentsApi';
export { responseError } from './responseError';
export { wizardInitialState, wizardManifest } from './wizardManifest';
export { ALLOW, DENY, renderWithApi } from './renderWithApi';
export type { RenderWithApiOptions } from './renderWithApi';
