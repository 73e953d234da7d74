import {
  Entity,
  EntityPolicies,
  DefaultNamespaceEntityPolicy,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_COMPONENT,
  ANNOTATION_AWS_ENVIRONMENT,
  ANNOTATION_AWS_VIEW,
  AWS_COMPONENT,
} from '@innovate/plugin-aws-environments-common';
import { environmentEntities, KUBERNETES_ANNOTATIONS } from './catalog';
import { synthesizeTemplates, testSpec } from './__testUtils__/synth';

describe('environmentEntities', () => {
  const spec = testSpec();
  let entities: Entity[];

  beforeAll(() => {
    entities = environmentEntities(spec, synthesizeTemplates(spec).stacks);
  });

  const named = (suffix: string) => {
    const entity = entities.find(
      e =>
        e.metadata.name ===
        (suffix ? `innovate-test-${suffix}` : 'innovate-test'),
    );
    if (!entity) {
      throw new Error(`no entity ${suffix}`);
    }
    return entity;
  };
  const dependsOn = (suffix: string) =>
    named(suffix).spec?.dependsOn as string[];
  const ref = (suffix: string) => `resource:default/innovate-test-${suffix}`;

  it('produces entities the catalog accepts', async () => {
    const policy = EntityPolicies.allOf([
      new DefaultNamespaceEntityPolicy(),
      new NoForeignRootFieldsEntityPolicy(),
      new FieldFormatEntityPolicy(),
      new SchemaValidEntityPolicy(),
    ]);
    for (const entity of entities) {
      await expect(policy.enforce(entity)).resolves.toBeDefined();
      await expect(resourceEntityV1alpha1Validator.check(entity)).resolves.toBe(
        true,
      );
    }
  });

  it('models the environment and every part of it', () => {
    expect(entities.map(e => e.metadata.name).sort()).toEqual(
      [
        '',
        'vpc',
        'nat-gateway-1',
        'nat-gateway-2',
        'nat-gateway-3',
        'alb',
        'eks-cluster',
        'node-group-system',
        'node-group-application',
        'rds',
        'db-secret',
        'spa-bucket',
        'cloudfront',
        'waf',
        'ecr',
        'kms-eks-secrets',
        'kms-rds',
        'kms-alarm-topic',
        'alarm-topic',
        'alarm-error-rate',
        'alarm-p99-latency',
        'alarm-node-cpu',
        'alarm-node-memory',
        'alarm-db-cpu',
        'budget',
        'cloudtrail',
        'guardduty',
      ]
        .map(suffix => (suffix ? `innovate-test-${suffix}` : 'innovate-test'))
        .sort(),
    );
    for (const entity of entities) {
      expect(entity.kind).toBe('Resource');
      expect(entity.spec).toMatchObject({
        owner: 'group:default/platform-team',
        system: 'innovate-platform',
      });
      expect(entity.metadata.annotations?.[ANNOTATION_AWS_ENVIRONMENT]).toBe(
        'innovate-test',
      );
    }
    // Every part has an AWS identity; the environment is many resources.
    const withoutIdentity = entities.filter(
      e => !e.metadata.annotations?.[ANNOTATION_AWS_ARN],
    );
    expect(withoutIdentity.map(e => e.metadata.name)).toEqual([
      'innovate-test',
    ]);
  });

  it('follows the seed’s traffic flow in dependsOn', () => {
    expect(dependsOn('cloudfront')).toEqual([
      ref('waf'),
      ref('spa-bucket'),
      ref('alb'),
    ]);
    expect(dependsOn('alb')).toEqual([ref('eks-cluster')]);
    expect(dependsOn('eks-cluster')).toEqual(
      expect.arrayContaining([
        ref('rds'),
        ref('nat-gateway-1'),
        ref('nat-gateway-3'),
        ref('ecr'),
        ref('db-secret'),
        ref('kms-eks-secrets'),
      ]),
    );
    expect(dependsOn('node-group-system')).toEqual([ref('eks-cluster')]);
    expect(dependsOn('rds')).toEqual([ref('kms-rds')]);
    expect(dependsOn('alarm-db-cpu')).toEqual([ref('alarm-topic'), ref('rds')]);
    expect(dependsOn('alarm-node-cpu')).toEqual([
      ref('alarm-topic'),
      ref('eks-cluster'),
    ]);
    expect(dependsOn('alarm-topic')).toEqual([ref('kms-alarm-topic')]);
    const names = new Set(
      entities.map(e => `resource:default/${e.metadata.name}`),
    );
    for (const entity of entities) {
      for (const target of (entity.spec?.dependsOn as string[]) ?? []) {
        expect(names.has(target)).toBe(true);
      }
    }
  });

  it('ties each part to its AWS identity and view', () => {
    expect(named('eks-cluster').metadata.annotations).toMatchObject({
      [ANNOTATION_AWS_COMPONENT]: AWS_COMPONENT.eksCluster,
      [ANNOTATION_AWS_ARN]:
        'arn:aws:eks:us-east-1:222222222222:cluster/innovate-test',
      [ANNOTATION_AWS_VIEW]: 'cluster',
      [KUBERNETES_ANNOTATIONS.id]: 'innovate-test',
      [KUBERNETES_ANNOTATIONS.cluster]: 'innovate-test',
      [KUBERNETES_ANNOTATIONS.authProvider]: 'aws',
      [KUBERNETES_ANNOTATIONS.awsClusterId]: 'innovate-test',
      'innovate.io/aws-resource-type': 'AWS::EKS::Cluster',
    });
    expect(named('eks-cluster').spec?.type).toBe('kubernetes-cluster');
    expect(named('rds').metadata.annotations?.[ANNOTATION_AWS_ARN]).toBe(
      'arn:aws:rds:us-east-1:222222222222:db:innovate-test-db',
    );
    expect(named('ecr').metadata.annotations).toMatchObject({
      [ANNOTATION_AWS_ARN]:
        // The name is generated: known by its stack/LogicalId until deployed.
        expect.stringMatching(/^innovate-test-registry\/RegistryApiRepository/),
      'innovate.io/aws-account-id': '111111111111',
    });
    expect(named('alarm-error-rate').metadata).toMatchObject({
      title: 'innovate-test-api-error-rate',
      annotations: {
        [ANNOTATION_AWS_ARN]:
          'arn:aws:cloudwatch:us-east-1:222222222222:alarm:innovate-test-api-error-rate',
        [ANNOTATION_AWS_COMPONENT]: AWS_COMPONENT.alarm,
        [ANNOTATION_AWS_VIEW]: 'alarms',
      },
    });
    expect(
      named('node-group-application').metadata.annotations?.[
        ANNOTATION_AWS_ARN
      ],
    ).toMatch(/^innovate-test-cluster\/ClusterApplicationNodeGroup/);
    expect(named('').metadata.annotations?.[ANNOTATION_AWS_COMPONENT]).toBe(
      AWS_COMPONENT.environment,
    );
    expect(
      named('budget').metadata.annotations?.[ANNOTATION_AWS_COMPONENT],
    ).toBe(AWS_COMPONENT.budget);
  });

  it('keeps names unique across environments and honours owner and system', () => {
    const other = testSpec(s => {
      s.name = 'innovate-stage';
      s.network.natGateways = 1;
    });
    const second = environmentEntities(
      other,
      synthesizeTemplates(other).stacks,
      {
        owner: 'group:default/app-team',
        system: 'innovate-staging',
      },
    );
    const all = [...entities, ...second].map(e => e.metadata.name);
    expect(new Set(all).size).toBe(all.length);
    expect(
      second.filter(
        e =>
          e.metadata.annotations?.[ANNOTATION_AWS_COMPONENT] === 'nat-gateway',
      ),
    ).toHaveLength(1);
    expect(second[0].spec).toMatchObject({
      owner: 'group:default/app-team',
      system: 'innovate-staging',
    });
  });
});
