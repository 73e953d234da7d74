import fs from 'node:fs';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { validateEntity } from './__testUtils__/entityValidation';
import { validateKubernetesManifest } from './__testUtils__/kubernetes';
import { validateWorkflowQuietly } from './__testUtils__/workflows';
import {
  missingPythonPackages,
  MYPY_CACHE_DIR,
  runPythonModule,
} from './__testUtils__/python';
import { useDryRun } from './__testUtils__/dryRun';
import { writeFiles } from './__testUtils__/scaffolder';
import { FLASK_API_VALUES as VALUES } from './__testUtils__/values';

// Most objects below are parsed YAML, checked field by field.
type Yaml = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const MANIFESTS = [
  'deploy/k8s/serviceaccount.yaml',
  'deploy/k8s/deployment.yaml',
  'deploy/k8s/service.yaml',
  'deploy/k8s/hpa.yaml',
  'deploy/k8s/pdb.yaml',
  'deploy/k8s/networkpolicy.yaml',
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
    expect(kustomization.namespace).toBe(VALUES.namespace);
    expect(kustomization.images).toEqual([
      { name: VALUES.ecrRepositoryUri, newTag: 'bootstrap' },
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
    expect(pod.serviceAccountName).toBe(VALUES.serviceAccountName);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.image).toBe(VALUES.ecrRepositoryUri);
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
      APP_ENVIRONMENT: VALUES.environment,
      DB_SECRET_ARN: VALUES.dbSecretArn,
      DB_HOST: VALUES.dbHost,
      DB_NAME: VALUES.dbName,
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
      { to: [{ ipBlock: { cidr: VALUES.vpcCidr } }], ports: ['TCP/5432'] },
      {
        to: [
          { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
        ],
        ports: ['TCP/443'],
      },
    ]);
    const serviceAccount = yamlFile('deploy/k8s/serviceaccount.yaml');
    expect(serviceAccount.metadata.name).toBe(VALUES.serviceAccountName);
    expect(
      serviceAccount.metadata.annotations['eks.amazonaws.com/role-arn'],
    ).toBe(VALUES.irsaRoleArn);
  });

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
          namespace: VALUES.namespace,
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
    expect(workflow.env).toMatchObject({
      AWS_REGION: VALUES.awsRegion,
      AWS_ROLE_ARN: VALUES.ciRoleArn,
      ECR_REPOSITORY_URI: VALUES.ecrRepositoryUri,
    });
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
        },
      },
      spec: {
        type: 'service',
        owner: VALUES.owner,
        system: 'innovate-platform',
        providesApis: [VALUES.name],
        dependsOn: [
          'resource:default/innovate-prod-eks-cluster',
          'resource:default/innovate-prod-rds',
          'resource:default/innovate-prod-db-secret',
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
