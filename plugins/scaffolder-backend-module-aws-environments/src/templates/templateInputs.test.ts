import fs from 'node:fs';
import { awsEnvironmentsTestModule } from './__testUtils__/environments';
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
  ['flask-api', 'environment', 'missing', undefined],
  [
    'flask-api',
    'environment',
    'a bare name, not the picked entity ref',
    'innovate-prod',
  ],
  [
    'flask-api',
    'environment',
    'another kind of entity',
    'group:default/innovate-prod',
  ],
  [
    'flask-api',
    'environment',
    'uppercase and a double hyphen',
    'resource:default/Prod--1',
  ],
  [
    'flask-api',
    'environment',
    'a newline (YAML injection)',
    'resource:default/innovate-prod\nevil: true',
  ],
  ['flask-api', 'port', 'a privileged port', 80],
  ['flask-api', 'port', 'a string instead of an integer', '8080'],
  ['react-spa', 'title', 'HTML', '<script>alert(1)</script>'],
  ['react-spa', 'environment', 'missing', undefined],
  [
    'react-spa',
    'environment',
    'a template expression',
    'resource:default/${{ secrets.GITHUB_TOKEN }}',
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
    scaffolder = await startScaffolder(
      ['flask-api', 'react-spa'],
      [awsEnvironmentsTestModule().feature],
    );
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

  it("flask-api refuses a port other than the environment's target group port when it reads the environment, naming the field", async () => {
    const result = await scaffolder.dryRun('flask-api', {
      ...FLASK_API_VALUES,
      port: 9090,
    });
    // The scaffolder's schema allows any port; the environment does not.
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      error: {
        name: 'InputError',
        message: expect.stringMatching(
          /^port: 9090 is not the port of environment innovate-prod's API target group: .* Use 8080\.$/,
        ),
      },
    });
    expect(result.body.directoryContents).toBeUndefined();
  });

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
