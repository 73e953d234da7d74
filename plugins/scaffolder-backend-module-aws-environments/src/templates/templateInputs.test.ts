import fs from 'node:fs';
import {
  ScaffolderUnderTest,
  startScaffolder,
} from './__testUtils__/scaffolder';
import { FLASK_API_VALUES, REACT_SPA_VALUES } from './__testUtils__/values';

const VALID: Record<string, Record<string, unknown>> = {
  'flask-api': FLASK_API_VALUES,
  'react-spa': REACT_SPA_VALUES,
};

/** [template, field, what is wrong, bad value (undefined: left out)]. */
const BAD_INPUTS: [string, string, string, unknown][] = [
  ['flask-api', 'name', 'uppercase and underscore', 'Orders_API'],
  ['flask-api', 'name', 'shell metacharacters', 'api; rm -rf /'],
  ['flask-api', 'name', 'a template expression', '${{ secrets.GITHUB_TOKEN }}'],
  ['flask-api', 'name', 'too short', 'ab'],
  ['flask-api', 'name', 'missing', undefined],
  [
    'flask-api',
    'description',
    'a newline (YAML injection)',
    'Orders\nspec:\n  owner: group:default/attackers',
  ],
  [
    'flask-api',
    'description',
    'a template expression',
    'Orders ${{ values.ciRoleArn }}',
  ],
  [
    'flask-api',
    'description',
    'quotes (YAML/JSON injection)',
    'Orders" ,"evil": "1',
  ],
  ['flask-api', 'description', 'longer than 200 characters', 'x'.repeat(201)],
  ['flask-api', 'owner', 'not a group', 'user:default/guest'],
  ['flask-api', 'owner', 'a newline', 'group:default/team\nevil: true'],
  ['flask-api', 'repoUrl', 'another host', 'gitlab.com?owner=acme&repo=svc'],
  [
    'flask-api',
    'repoUrl',
    'extra parameters',
    'github.com?owner=acme&repo=svc&organization=x',
  ],
  [
    'flask-api',
    'repoUrl',
    'path traversal',
    'github.com?owner=acme&repo=../../etc',
  ],
  ['flask-api', 'environment', 'uppercase and a double hyphen', 'Prod--1'],
  [
    'flask-api',
    'irsaRoleArn',
    'an account id of 4 digits',
    'arn:aws:iam::1234:role/api',
  ],
  [
    'flask-api',
    'dbSecretArn',
    'quotes and shell',
    'arn:aws:secretsmanager:us-east-1:222222222222:secret:db" && curl evil',
  ],
  ['flask-api', 'dbHost', 'backticks', 'db.internal`whoami`'],
  [
    'flask-api',
    'ecrRepositoryUri',
    'not an ECR registry',
    'evil.example.com/innovate/api',
  ],
  ['flask-api', 'port', 'a privileged port', 80],
  ['flask-api', 'port', 'a string instead of an integer', '8080'],
  ['flask-api', 'vpcCidr', 'not a CIDR', '0.0.0.0/0 -> evil'],
  ['react-spa', 'title', 'HTML', '<script>alert(1)</script>'],
  ['react-spa', 'bucketName', 'not an S3 bucket name', 'my..bucket'],
  ['react-spa', 'distributionId', 'command substitution', 'E1A2B3$(id)'],
  [
    'react-spa',
    'deployRoleArn',
    'a user, not a role',
    'arn:aws:iam::222222222222:user/deployer',
  ],
];

function withBadValue(template: string, field: string, value: unknown) {
  const values: Record<string, unknown> = { ...VALID[template] };
  if (value === undefined) {
    delete values[field];
  } else {
    values[field] = value;
  }
  return values;
}

interface ValidationError {
  property: string;
  message: string;
  argument?: unknown;
}

/** Whether every error is about `field`, and there is at least one. */
function expectErrorsNaming(
  errors: ValidationError[] | undefined,
  field: string,
) {
  expect(errors?.length).toBeGreaterThan(0);
  for (const error of errors ?? []) {
    const named =
      error.property === `instance.${field}` ||
      (error.property === 'instance' && error.argument === field);
    expect({ named, error }).toEqual({ named: true, error });
  }
}

describe('template parameters', () => {
  let scaffolder: ScaffolderUnderTest;

  beforeAll(async () => {
    scaffolder = await startScaffolder(['flask-api', 'react-spa']);
  }, 120_000);

  afterAll(async () => {
    await scaffolder?.stop();
  });

  it.each(Object.keys(VALID))(
    'accept the valid values of %s',
    async template => {
      const result = await scaffolder.dryRun(template, VALID[template]);
      expect(result.body.errors).toBeUndefined();
      expect(result.status).toBe(200);
    },
  );

  it.each(BAD_INPUTS)(
    '%s rejects %s with %s before rendering, naming the field',
    async (template, field, _reason, value) => {
      const result = await scaffolder.dryRun(
        template,
        withBadValue(template, field, value),
      );
      expect(result.status).toBe(400);
      expectErrorsNaming(result.body.errors, field);
      expect(result.body.directoryContents).toBeUndefined();
      expect(result.body.log).toBeUndefined();
    },
  );

  it('rendered nothing for the rejected values', () => {
    expect(fs.readdirSync(scaffolder.workingDirectory)).toEqual([]);
  });

  it.each(BAD_INPUTS)(
    '%s refuses a task with %s with %s, naming the field',
    async (template, field, _reason, value) => {
      const response = await scaffolder.createTask(
        template,
        withBadValue(template, field, value),
      );
      expect(response.status).toBe(400);
      expectErrorsNaming(response.body.errors, field);
    },
  );

  it('created no task for the rejected values', async () => {
    await expect(scaffolder.listTasks()).resolves.toEqual([]);
  });
});
