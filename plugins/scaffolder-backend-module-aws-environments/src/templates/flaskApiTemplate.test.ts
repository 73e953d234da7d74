import fs from 'node:fs';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { validateEntity } from './__testUtils__/entityValidation';
import {
  validateKubernetesManifest,
  validateTargetGroupBinding,
} from './__testUtils__/kubernetes';
import { validateWorkflowQuietly } from './__testUtils__/workflows';
import {
  missingPythonPackages,
  MYPY_CACHE_DIR,
  runPythonModule,
} from './__testUtils__/python';
import { useDryRun } from './__testUtils__/dryRun';
import { writeFiles } from './__testUtils__/scaffolder';
import {
  FLASK_API_VALUES as VALUES,
  TEST_ENVIRONMENT as ENV,
} from './__testUtils__/values';
import { deployedOutputs } from '../testUtils/deployedEnvironment';

/** What the template must take from the environment's outputs and spec. */
const OUTPUTS = deployedOutputs(ENV);
const FROM_ENVIRONMENT = {
  namespace: 'innovate',
  serviceAccountName: 'flask-api',
  irsaRoleArn: OUTPUTS[`${ENV}-cluster.ApiServiceAccountRoleArn`],
  dbSecretArn: OUTPUTS[`${ENV}-database.DatabaseSecretArn`],
  dbHost: OUTPUTS[`${ENV}-database.DatabaseEndpoint`],
  dbName: OUTPUTS[`${ENV}-database.DatabaseName`],
  targetGroupArn: OUTPUTS[`${ENV}-edge.ApiTargetGroupArn`],
  ecrRepositoryUri: OUTPUTS[`${ENV}-registry.RepositoryUri`],
  vpcCidr: '10.0.0.0/16',
  awsRegion: 'us-east-1',
};
const E = FROM_ENVIRONMENT;

// Most objects below are parsed YAML, checked field by field.
type Yaml = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const MANIFESTS = [
  'deploy/k8s/serviceaccount.yaml',
  'deploy/k8s/deployment.yaml',
  'deploy/k8s/service.yaml',
  'deploy/k8s/hpa.yaml',
  'deploy/k8s/pdb.yaml',
  'deploy/k8s/networkpolicy.yaml',
  'deploy/k8s/targetgroupbinding.yaml',
];

describe('templates/flask-api', () => {
  const dryRun = useDryRun('flask-api', VALUES);
  const { file } = dryRun;
  const yamlFile = (name: string): Yaml => parseYaml(file(name));

  it('renders through the dry-run API with every step done or skipped', () => {
    expect(dryRun.result.body.errors).toBeUndefined();
    expect(dryRun.result.status).toBe(200);
    const stepStatuses = (dryRun.result.body.log ?? [])
      .filter(entry => entry.body.stepId && entry.body.status)
      .map(entry => `${entry.body.stepId}:${entry.body.status}`);
    expect(stepStatuses).toEqual(
      expect.arrayContaining([
        'environment:completed',
        'fetch:completed',
        'publish:skipped',
        'register:skipped',
      ]),
    );
    expect(stepStatuses.filter(s => s.endsWith(':failed'))).toEqual([]);
    expect([...dryRun.result.files.keys()].sort()).toEqual(
      [
        '.dockerignore',
        '.flake8',
        '.github/workflows/ci.yaml',
        '.gitignore',
        'Dockerfile',
        'README.md',
        'app/__init__.py',
        'app/api.py',
        'app/config.py',
        'app/db.py',
        'app/health.py',
        'catalog-info.yaml',
        'deploy/argocd/application.yaml',
        'deploy/k8s/kustomization.yaml',
        ...MANIFESTS,
        'openapi.yaml',
        'pyproject.toml',
        'requirements-dev.txt',
        'requirements.txt',
        'tests/__init__.py',
        'tests/conftest.py',
        'tests/test_api.py',
        'tests/test_config.py',
        'tests/test_db.py',
        'tests/test_health.py',
        'wsgi.py',
      ].sort(),
    );
    expect(dryRun.result.body.output).toMatchObject({
      links: expect.arrayContaining([
        expect.objectContaining({ title: 'Repository' }),
      ]),
    });
  });

  it('leaves no template syntax behind', () => {
    for (const [name, content] of dryRun.result.files) {
      expect({
        name,
        leftovers: content.match(/\$\{\{\s*values|\{%-?\s*(?:raw|endraw)/g),
      }).toEqual({ name, leftovers: null });
    }
    expect(file('README.md')).toContain(
      `# ${VALUES.name}\n\n${VALUES.description}`,
    );
  });

  it('renders YAML that parses', () => {
    const yamlFiles = [...dryRun.result.files.keys()].filter(name =>
      /\.ya?ml$/.test(name),
    );
    expect(yamlFiles.length).toBeGreaterThanOrEqual(11);
    for (const name of yamlFiles) {
      for (const document of parseAllDocuments(file(name))) {
        expect({ name, errors: document.errors.map(e => e.message) }).toEqual({
          name,
          errors: [],
        });
      }
    }
  });

  it('renders Kubernetes manifests that are valid for Kubernetes 1.33', () => {
    const kustomization = yamlFile('deploy/k8s/kustomization.yaml');
    expect(
      kustomization.resources.map((r: string) => `deploy/k8s/${r}`),
    ).toEqual(MANIFESTS);
    expect(kustomization.namespace).toBe(E.namespace);
    expect(kustomization.images).toEqual([
      { name: E.ecrRepositoryUri, newTag: 'bootstrap' },
    ]);
    for (const name of MANIFESTS) {
      expect(() => validateKubernetesManifest(yamlFile(name))).not.toThrow();
    }
  });

  it('rejects an invalid manifest (the schema check can fail)', () => {
    const deployment = yamlFile('deploy/k8s/deployment.yaml');
    deployment.spec.template.spec.containers[0].ports[0].containerPort = '8080';
    expect(() => validateKubernetesManifest(deployment)).toThrow(
      /containerPort must be integer/,
    );
  });

  it('runs the pods on 8080 with probes, resources and the restricted security context', () => {
    const deployment = yamlFile('deploy/k8s/deployment.yaml');
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    expect(deployment.spec.replicas).toBeUndefined();
    expect(deployment.spec.selector.matchLabels).toEqual({
      'app.kubernetes.io/name': VALUES.name,
    });
    expect(deployment.spec.template.metadata.labels).toMatchObject({
      'app.kubernetes.io/name': VALUES.name,
      'backstage.io/kubernetes-id': VALUES.name,
    });
    expect(pod.serviceAccountName).toBe(E.serviceAccountName);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.image).toBe(E.ecrRepositoryUri);
    expect(container.ports).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
    ]);
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.livenessProbe.httpGet).toEqual({
      path: '/healthz/live',
      port: 'http',
    });
    expect(container.readinessProbe.httpGet).toEqual({
      path: '/healthz/ready',
      port: 'http',
    });
    expect(container.resources.requests).toEqual({
      cpu: '250m',
      memory: '256Mi',
    });
    expect(container.resources.limits.memory).toBe('512Mi');
    const env = Object.fromEntries(
      container.env.map((e: { name: string; value: string }) => [
        e.name,
        e.value,
      ]),
    );
    expect(env).toMatchObject({
      PORT: '8080',
      SERVICE_NAME: VALUES.name,
      APP_ENVIRONMENT: ENV,
      DB_SECRET_ARN: E.dbSecretArn,
      DB_HOST: E.dbHost,
      DB_PORT: '5432',
      DB_NAME: E.dbName,
      DB_SSLMODE: 'require',
    });
    expect(container.volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
    ]);
  });

  it('autoscales 2 to 100 pods on CPU and memory, with a disruption budget', () => {
    const hpa = yamlFile('deploy/k8s/hpa.yaml');
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: VALUES.name,
    });
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([2, 100]);
    expect(hpa.spec.metrics.map((m: Yaml) => m.resource.name).sort()).toEqual([
      'cpu',
      'memory',
    ]);
    const pdb = yamlFile('deploy/k8s/pdb.yaml');
    expect(pdb.spec.selector.matchLabels).toEqual({
      'app.kubernetes.io/name': VALUES.name,
    });
  });

  it('exposes only the service port and lets pods reach DNS, PostgreSQL and HTTPS', () => {
    const service = yamlFile('deploy/k8s/service.yaml');
    expect(service.spec.selector).toEqual({
      'app.kubernetes.io/name': VALUES.name,
    });
    expect(service.spec.ports).toEqual([
      { name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' },
    ]);
    const policy = yamlFile('deploy/k8s/networkpolicy.yaml');
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec.ingress).toEqual([
      { ports: [{ protocol: 'TCP', port: 8080 }] },
    ]);
    const egress = policy.spec.egress.map((rule: Yaml) => ({
      to: rule.to,
      ports: rule.ports.map((p: Yaml) => `${p.protocol}/${p.port}`),
    }));
    expect(egress).toEqual([
      {
        to: [
          {
            namespaceSelector: {
              matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
            },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
        ],
        ports: ['UDP/53', 'TCP/53'],
      },
      { to: [{ ipBlock: { cidr: E.vpcCidr } }], ports: ['TCP/5432'] },
      {
        to: [
          { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
        ],
        ports: ['TCP/443'],
      },
    ]);
    const serviceAccount = yamlFile('deploy/k8s/serviceaccount.yaml');
    // Exactly the service account the environment's API role trusts.
    expect(serviceAccount.metadata.name).toBe(E.serviceAccountName);
    expect(
      serviceAccount.metadata.annotations['eks.amazonaws.com/role-arn'],
    ).toBe(E.irsaRoleArn);
  });

  it('read the environment as the user who runs the template', () => {
    expect(dryRun.environments.environmentReaders).toEqual([
      expect.stringMatching(/^user:/),
    ]);
    expect(dryRun.environments.calls).toEqual([
      `getEnvironment ${ENV}`,
      `getEntities ${ENV}`,
    ]);
  });

  it("binds the Service to the environment's API target group (TargetGroupBinding, CRD schema)", () => {
    const binding = yamlFile('deploy/k8s/targetgroupbinding.yaml');
    expect(() => validateKubernetesManifest(binding)).not.toThrow();
    expect(binding).toEqual({
      apiVersion: 'elbv2.k8s.aws/v1beta1',
      kind: 'TargetGroupBinding',
      metadata: {
        name: VALUES.name,
        labels: expect.objectContaining({
          'app.kubernetes.io/name': VALUES.name,
        }),
      },
      spec: {
        serviceRef: { name: VALUES.name, port: 8080 },
        targetGroupARN: E.targetGroupArn,
        targetType: 'ip',
      },
    });
    // The Service it names exists, on that port.
    const service = yamlFile('deploy/k8s/service.yaml');
    expect(service.metadata.name).toBe(binding.spec.serviceRef.name);
    expect(service.spec.ports[0].port).toBe(binding.spec.serviceRef.port);
  });

  it.each([
    [
      'without targetGroupARN',
      (spec: Yaml) => delete spec.targetGroupARN,
      /must have targetGroupARN/,
    ],
    [
      'with a targetType outside the enum',
      (spec: Yaml) => (spec.targetType = 'pod'),
      /\/spec\/targetType must be equal to one of the allowed values \(instance, ip\)/,
    ],
    [
      'without serviceRef.port',
      (spec: Yaml) => delete spec.serviceRef.port,
      /\/spec\/serviceRef must have required property 'port'/,
    ],
    [
      'with a port that is neither integer nor string',
      (spec: Yaml) => (spec.serviceRef.port = [8080]),
      /\/spec\/serviceRef\/port must be integer/,
    ],
  ])(
    'rejects a binding %s (the CRD check can fail)',
    (_what, breakIt, error) => {
      const binding = yamlFile('deploy/k8s/targetgroupbinding.yaml');
      breakIt(binding.spec);
      expect(() => validateTargetGroupBinding(binding)).toThrow(error);
    },
  );

  it('renders an ArgoCD application with automated sync, prune and self-heal', () => {
    const application = yamlFile('deploy/argocd/application.yaml');
    expect(application).toMatchObject({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: VALUES.name, namespace: 'argocd' },
      spec: {
        project: 'default',
        source: {
          repoURL: 'https://github.com/innovate-inc/orders-api.git',
          targetRevision: 'main',
          path: 'deploy/k8s',
        },
        destination: {
          server: 'https://kubernetes.default.svc',
          namespace: E.namespace,
        },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          syncOptions: expect.arrayContaining(['CreateNamespace=true']),
          managedNamespaceMetadata: {
            labels: { 'pod-security.kubernetes.io/enforce': 'restricted' },
          },
        },
      },
    });
  });

  it('renders a CI workflow that validates: checks, Trivy, ECR through OIDC, GitOps bump', () => {
    const source = file('.github/workflows/ci.yaml');
    expect(validateWorkflowQuietly(source)).toEqual([]);
    const workflow = yamlFile('.github/workflows/ci.yaml');
    // The environment has no CI role: the ARN is the repository variable,
    // and a push without it fails saying so.
    expect(workflow.env).toMatchObject({
      AWS_REGION: E.awsRegion,
      AWS_ROLE_ARN: '${{ vars.AWS_ROLE_ARN }}',
      ECR_REPOSITORY_URI: E.ecrRepositoryUri,
    });
    expect(source).toContain(
      `# The ${ENV} environment has no CI role: create one`,
    );
    const check = workflow.jobs.image.steps.find(
      (s: Yaml) => s.name === 'Check the CI role',
    );
    expect(check.if).toBe(
      "github.event_name == 'push' && env.AWS_ROLE_ARN == ''",
    );
    expect(check.run).toMatch(/::error title=No CI role::[\s\S]*exit 1/);
    const runs = (job: string) =>
      workflow.jobs[job].steps.map((s: Yaml) => s.run).filter(Boolean);
    expect(runs('lint')).toEqual(
      expect.arrayContaining([
        'flake8',
        'black --check .',
        'mypy',
        'bandit -r . -x ./tests',
      ]),
    );
    expect(runs('test')).toContain('pytest');
    const image = workflow.jobs.image;
    expect(image.needs).toEqual(['lint', 'test']);
    expect(image.permissions).toEqual({
      contents: 'read',
      'id-token': 'write',
    });
    const uses = (name: string) =>
      image.steps.find((s: Yaml) => s.uses?.startsWith(`${name}@`));
    expect(uses('aquasecurity/trivy-action').with).toMatchObject({
      'exit-code': '1',
      severity: 'HIGH,CRITICAL',
    });
    expect(uses('aws-actions/configure-aws-credentials').with).toEqual({
      'role-to-assume': '${{ env.AWS_ROLE_ARN }}',
      'role-session-name': 'ci-${{ github.run_id }}',
      'aws-region': '${{ env.AWS_REGION }}',
    });
    expect(source).not.toMatch(/aws-access-key-id|aws-secret-access-key/);
    const gitops = workflow.jobs.gitops;
    expect(gitops.needs).toBe('image');
    expect(gitops.permissions).toEqual({ contents: 'write' });
    expect(runs('gitops')[0]).toContain('kustomize edit set image');
  });

  it('says in the README that the CI role is missing, and gives its policies', () => {
    const readme = file('README.md');
    expect(readme).toContain(
      '**Not created yet.** Environment innovate-prod has no CI role for GitHub Actions',
    );
    const policies = [...readme.matchAll(/```json\n([\s\S]*?)\n```/g)].map(m =>
      JSON.parse(m[1]),
    );
    expect(policies).toHaveLength(2);
    expect(policies[0].Statement[1].Resource).toBe(
      `arn:aws:ecr:us-east-1:111111111111:repository/${E.ecrRepositoryUri
        .split('/')
        .pop()}`,
    );
    expect(
      policies[1].Statement[0].Condition.StringEquals[
        'token.actions.githubusercontent.com:sub'
      ],
    ).toBe('repo:innovate-inc/orders-api:ref:refs/heads/main');
    expect(readme).toContain(E.targetGroupArn);
  });

  it('rejects an invalid workflow (the workflow check can fail)', () => {
    const broken = file('.github/workflows/ci.yaml').replace(
      'runs-on: ubuntu-24.04',
      'runs_on: ubuntu-24.04',
    );
    expect(validateWorkflowQuietly(broken)).not.toEqual([]);
  });

  it('renders catalog entities that validate: the Component and its API', async () => {
    const [component, api] = parseAllDocuments(file('catalog-info.yaml')).map(
      d => d.toJS(),
    );
    await expect(validateEntity(component)).resolves.toBeDefined();
    // The catalog substitutes $text before validating: do the same.
    await expect(
      validateEntity({
        ...api,
        spec: {
          ...api.spec,
          definition: file(api.spec.definition.$text.slice(2)),
        },
      }),
    ).resolves.toBeDefined();
    expect(component).toMatchObject({
      kind: 'Component',
      metadata: {
        name: VALUES.name,
        description: VALUES.description,
        annotations: {
          'github.com/project-slug': 'innovate-inc/orders-api',
          'backstage.io/kubernetes-id': VALUES.name,
          'backstage.io/kubernetes-namespace': E.namespace,
          'innovate.io/aws-environment': ENV,
        },
      },
      spec: {
        type: 'service',
        owner: VALUES.owner,
        system: 'innovate-platform',
        providesApis: [VALUES.name],
        // From the environment's entities (aws-environments:outputs).
        dependsOn: [
          'resource:default/innovate-prod-eks-cluster',
          'resource:default/innovate-prod-rds',
          'resource:default/innovate-prod-db-secret',
          'resource:default/innovate-prod-alb',
        ],
      },
    });
    expect(api).toMatchObject({
      kind: 'API',
      metadata: { name: VALUES.name },
      spec: { type: 'openapi', definition: { $text: './openapi.yaml' } },
    });
    const openapi = yamlFile('openapi.yaml');
    expect(Object.keys(openapi.paths)).toEqual([
      '/healthz',
      '/healthz/live',
      '/healthz/ready',
      '/api/v1/info',
    ]);
  });

  describe('the generated service', () => {
    let dir: string;
    const missing = missingPythonPackages();

    beforeAll(() => {
      dir = writeFiles(dryRun.result.files, 'flask-api-service-');
    });

    afterAll(() => {
      if (dir) {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('has the Debian packages its checks need', () => {
      expect(
        missing.length > 0
          ? `missing, run: apt-get install -y ${missing.join(' ')}`
          : 'installed',
      ).toBe('installed');
    });

    it.each([
      ['flake8', []],
      ['black', ['--check', '.']],
      ['mypy', ['--cache-dir', MYPY_CACHE_DIR]],
      ['bandit', ['-q', '-r', '.', '-x', './tests']],
      ['pytest', ['-p', 'no:cacheprovider']],
    ])(
      'passes %s',
      (module, args) => {
        if (missing.length > 0) {
          throw new Error(`Skipped: ${missing.join(', ')} missing (see above)`);
        }
        const check = runPythonModule(dir, module, args);
        expect({
          command: check.command,
          status: check.status,
          output: check.output,
        }).toEqual({
          command: check.command,
          status: 0,
          output: expect.any(String),
        });
      },
      180_000,
    );
  });
});
