/**
 * The environment the template tests pick: deployed, with the outputs of
 * testUtils/deployedEnvironment.ts, served by the fake backend of
 * {@link awsEnvironmentsTestModule}.
 */
export const TEST_ENVIRONMENT = 'innovate-prod';

/**
 * The flask-api template's parameters: only the service's own fields and
 * the environment's entity ref, as EntityPicker gives it.
 */
export const FLASK_API_VALUES = {
  name: 'orders-api',
  description: "Orders API: the shop's order book (v1)",
  owner: 'group:default/application-team',
  environment: `resource:default/${TEST_ENVIRONMENT}`,
  port: 8080,
  repoUrl: 'github.com?owner=innovate-inc&repo=orders-api',
};

/** The react-spa template's parameters (the app's own and the environment). */
export const REACT_SPA_VALUES = {
  name: 'innovate-web',
  title: "Innovate: the shop's front",
  description: 'The React SPA of the Innovate shop',
  owner: 'group:default/application-team',
  environment: `resource:default/${TEST_ENVIRONMENT}`,
  repoUrl: 'github.com?owner=innovate-inc&repo=innovate-web',
};
