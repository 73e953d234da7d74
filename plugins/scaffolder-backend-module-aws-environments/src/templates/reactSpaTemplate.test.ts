import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { validateEntity } from './__testUtils__/entityValidation';
import { useDryRun } from './__testUtils__/dryRun';
import {
  REACT_SPA_VALUES as VALUES,
  TEST_ENVIRONMENT as ENV,
} from './__testUtils__/values';
import { deployedOutputs } from '../testUtils/deployedEnvironment';

const OUTPUTS = deployedOutputs(ENV);
const BUCKET = OUTPUTS[`${ENV}-edge.SpaBucketName`];
const DISTRIBUTION = OUTPUTS[`${ENV}-edge.DistributionId`];
import { validateWorkflowQuietly } from './__testUtils__/workflows';

// Parsed YAML and JSON, checked field by field.
type Parsed = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('templates/react-spa', () => {
  const dryRun = useDryRun('react-spa', VALUES);
  const { file } = dryRun;

  it('renders through the dry-run API, the environment read as the user', () => {
    expect(dryRun.result.body.errors).toBeUndefined();
    expect(dryRun.result.status).toBe(200);
    expect(dryRun.environments.environmentReaders).toEqual([
      expect.stringMatching(/^user:/),
    ]);
    expect([...dryRun.result.files.keys()].sort()).toEqual(
      [
        '.github/workflows/ci.yaml',
        '.gitignore',
        'README.md',
        'catalog-info.yaml',
        'eslint.config.js',
        'index.html',
        'package-lock.json',
        'package.json',
        'src/App.test.tsx',
        'src/App.tsx',
        'src/api.ts',
        'src/config.ts',
        'src/main.tsx',
        'src/setupTests.ts',
        'src/vite-env.d.ts',
        'tsconfig.json',
        'vite.config.ts',
      ].sort(),
    );
    for (const [name, content] of dryRun.result.files) {
      expect({
        name,
        leftovers: content.match(/\$\{\{\s*values|\{%-?\s*(?:raw|endraw)/g),
      }).toEqual({ name, leftovers: null });
    }
  });

  it('renders an npm package whose lockfile matches it', () => {
    const pkg: Parsed = JSON.parse(file('package.json'));
    expect(pkg).toMatchObject({
      name: VALUES.name,
      description: VALUES.description,
      private: true,
      type: 'module',
    });
    expect(Object.keys(pkg.scripts)).toEqual(
      expect.arrayContaining(['lint', 'test', 'build']),
    );
    const lock: Parsed = JSON.parse(file('package-lock.json'));
    expect(lock.name).toBe(VALUES.name);
    expect(lock.lockfileVersion).toBe(3);
    const root = lock.packages[''];
    expect(root.name).toBe(VALUES.name);
    expect(root.dependencies).toEqual(pkg.dependencies);
    expect(root.devDependencies).toEqual(pkg.devDependencies);
    for (const dependency of Object.keys({
      ...pkg.dependencies,
      ...pkg.devDependencies,
    })) {
      expect(lock.packages[`node_modules/${dependency}`]?.version).toEqual(
        expect.any(String),
      );
    }
  });

  it('puts the title in the page and the app', () => {
    expect(file('index.html')).toContain(`<title>${VALUES.title}</title>`);
    expect(file('src/config.ts')).toContain(
      `export const APP_TITLE = ${JSON.stringify(VALUES.title)};`,
    );
  });

  it('renders a CI workflow that validates: lint, test, build, S3 upload and invalidation through OIDC', () => {
    const source = file('.github/workflows/ci.yaml');
    expect(validateWorkflowQuietly(source)).toEqual([]);
    const workflow: Parsed = parseYaml(source);
    // The bucket and distribution come from the environment's outputs; it
    // has no deploy role, so the ARN is the repository variable.
    expect(workflow.env).toMatchObject({
      AWS_REGION: 'us-east-1',
      AWS_ROLE_ARN: '${{ vars.AWS_ROLE_ARN }}',
      S3_BUCKET: BUCKET,
      CLOUDFRONT_DISTRIBUTION_ID: DISTRIBUTION,
    });
    expect(source).toContain(
      `# The ${ENV} environment has no deploy role: create one`,
    );
    const runs = (job: string): string[] =>
      workflow.jobs[job].steps.map((s: Parsed) => s.run).filter(Boolean);
    expect(runs('build')).toEqual([
      'npm ci',
      'npm run lint',
      'npm test',
      'npm run build',
    ]);
    const deploy = workflow.jobs.deploy;
    expect(deploy.needs).toBe('build');
    expect(deploy.if).toBe(
      "github.event_name == 'push' && github.ref == 'refs/heads/main'",
    );
    expect(deploy.permissions).toEqual({
      contents: 'read',
      'id-token': 'write',
    });
    expect(
      deploy.steps.find((s: Parsed) =>
        s.uses?.startsWith('aws-actions/configure-aws-credentials@'),
      ).with['role-to-assume'],
    ).toBe('${{ env.AWS_ROLE_ARN }}');
    // Without the role, the deploy fails first, saying so: no silent skip.
    expect(deploy.steps[0]).toEqual({
      name: 'Check the deploy role',
      if: "env.AWS_ROLE_ARN == ''",
      run: expect.stringMatching(/::error title=No deploy role::[\s\S]*exit 1/),
    });
    expect(runs('deploy').join('\n')).toMatch(
      /aws s3 sync dist "s3:\/\/\$S3_BUCKET" --delete[\s\S]*aws cloudfront create-invalidation/,
    );
    expect(source).not.toMatch(/aws-access-key-id|aws-secret-access-key/);
  });

  it('renders a catalog Component that validates and consumes the Innovate API', async () => {
    const documents = parseAllDocuments(file('catalog-info.yaml'));
    expect(documents).toHaveLength(1);
    const component = documents[0].toJS();
    await expect(validateEntity(component)).resolves.toBeDefined();
    expect(component).toMatchObject({
      kind: 'Component',
      metadata: {
        name: VALUES.name,
        title: VALUES.title,
        annotations: { 'github.com/project-slug': 'innovate-inc/innovate-web' },
      },
      spec: {
        type: 'website',
        owner: VALUES.owner,
        system: 'innovate-platform',
        consumesApis: ['api:default/innovate-api'],
        // From the environment's entities (aws-environments:outputs).
        dependsOn: [
          'resource:default/innovate-prod-spa-bucket',
          'resource:default/innovate-prod-cloudfront',
        ],
      },
    });
  });

  it('says in the README that the deploy role is missing, and gives its policies', () => {
    const readme = file('README.md');
    expect(readme).toContain(`s3://${BUCKET}`);
    expect(readme).toContain('https://d111111abcdef8.cloudfront.net');
    expect(readme).toContain(
      '**Not created yet.** Environment innovate-prod has no CI role for GitHub Actions',
    );
    const [policy, trust] = [
      ...readme.matchAll(/```json\n([\s\S]*?)\n```/g),
    ].map(m => JSON.parse(m[1]));
    expect(policy.Statement.flatMap((st: Parsed) => st.Action)).toEqual([
      's3:ListBucket',
      's3:PutObject',
      's3:DeleteObject',
      'cloudfront:CreateInvalidation',
    ]);
    expect(
      trust.Statement[0].Condition.StringEquals[
        'token.actions.githubusercontent.com:sub'
      ],
    ).toBe('repo:innovate-inc/innovate-web:ref:refs/heads/main');
  });
});
