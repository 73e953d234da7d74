import type { CfnResourceJson, EnvironmentStackTemplate } from './templates';
import { synthesizeTemplates, testSpec } from './__testUtils__/synth';

/** A template resource with the policies CloudFormation reads on it. */
type PolicedResource = CfnResourceJson & {
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

/** Deletion and replacement policies that leave something behind. */
const KEPT_POLICIES = ['Retain', 'RetainExceptOnCreate', 'Snapshot'];

/**
 * Properties that give a resource its physical name, by type. A retained
 * resource of a type not listed here fails the test until its name
 * properties are added.
 */
const NAME_PROPERTIES: Record<string, string[]> = {
  'AWS::ECR::Repository': ['RepositoryName'],
  'AWS::S3::Bucket': ['BucketName'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
  'AWS::KMS::Alias': ['AliasName'],
  'AWS::SecretsManager::Secret': ['Name'],
  'AWS::RDS::DBInstance': ['DBInstanceIdentifier'],
  'AWS::Lambda::Function': ['FunctionName'],
  // A key has no name: its id is always generated (an alias is a resource
  // of its own, AWS::KMS::Alias).
  'AWS::KMS::Key': [],
};

/**
 * How a destroy-then-recreate of an environment of the same name succeeds
 * with a resource that outlives its stack:
 * - `generated`: no physical name in the template; CloudFormation names the
 *   new resource, the retained one stays under its own name.
 * - `unnamed`: the type has no physical name at all (KMS keys).
 * - `named after a generated name`: the name is built from a `Ref` to a
 *   resource of the same template whose own name is generated (a Lambda
 *   function's `/aws/lambda/<function>` log group), so it is new each time.
 * - `deleted after snapshot`: `DeletionPolicy: Snapshot`; the resource
 *   itself is deleted once its final snapshot exists (with a generated
 *   name), so its fixed name is free again.
 * - `reused by import`: the recreate imports the retained resource under its
 *   fixed name (`importedBy` says where); none today.
 */
type Recreate =
  | {
      how:
        | 'generated'
        | 'unnamed'
        | 'named after a generated name'
        | 'deleted after snapshot';
    }
  | { how: 'reused by import'; importedBy: string };

/**
 * Every resource of the default spec that a destroy leaves behind, by
 * `<stack role>/<logical id without its hash>`. A new one fails the test
 * until someone decides how a recreate gets past it.
 */
const RETAINED: Record<string, { type: string; recreate: Recreate }> = {
  'database/DatabaseStorageKey': {
    type: 'AWS::KMS::Key',
    recreate: { how: 'unnamed' },
  },
  'database/DatabaseInstance': {
    type: 'AWS::RDS::DBInstance',
    recreate: { how: 'deleted after snapshot' },
  },
  'edge/EdgeAccessLogBucket': {
    type: 'AWS::S3::Bucket',
    recreate: { how: 'generated' },
  },
  'edge/EdgeSpaBucket': {
    type: 'AWS::S3::Bucket',
    recreate: { how: 'generated' },
  },
  'cluster/ClusterSecretsKey': {
    type: 'AWS::KMS::Key',
    recreate: { how: 'unnamed' },
  },
  'observability/ObservabilityTopicKey': {
    type: 'AWS::KMS::Key',
    recreate: { how: 'unnamed' },
  },
  // The account baseline is never deleted by a destroy (planDestroy keeps
  // it); were it deleted by hand, its buckets' generated names still free
  // the recreate.
  'baseline/BaselineTrailAccessLogBucket': {
    type: 'AWS::S3::Bucket',
    recreate: { how: 'generated' },
  },
  'baseline/BaselineTrailBucket': {
    type: 'AWS::S3::Bucket',
    recreate: { how: 'generated' },
  },
  'registry/RegistryApiRepository': {
    type: 'AWS::ECR::Repository',
    recreate: { how: 'generated' },
  },
};

interface Kept {
  key: string;
  resource: PolicedResource;
  stack: EnvironmentStackTemplate;
}

/** The resources that a stack's deletion or a replacement leaves behind. */
function keptResources(stacks: EnvironmentStackTemplate[]): Kept[] {
  return stacks.flatMap(stack =>
    Object.entries<PolicedResource>(stack.template.Resources ?? {})
      .filter(([, resource]) =>
        [resource.DeletionPolicy, resource.UpdateReplacePolicy].some(
          policy => policy !== undefined && KEPT_POLICIES.includes(policy),
        ),
      )
      // aws-cdk-lib's logical ids end in an 8-character hash of the path.
      .map(([logicalId, resource]) => ({
        key: `${stack.id}/${logicalId.replace(/[0-9A-F]{8}$/, '')}`,
        resource,
        stack,
      })),
  );
}

/** The physical-name properties the template sets on a resource. */
function namesSet(resource: CfnResourceJson): string[] | undefined {
  const properties = NAME_PROPERTIES[resource.Type];
  return properties?.filter(name => resource.Properties?.[name] !== undefined);
}

/**
 * Whether every name the resource sets refers (`Ref`) to a resource of its
 * template whose own name is generated.
 */
function namedAfterGeneratedName({ resource, stack }: Kept): boolean {
  const names = namesSet(resource) ?? [];
  return (
    names.length > 0 &&
    names.every(name => {
      const refs = [
        ...JSON.stringify(resource.Properties?.[name]).matchAll(
          /\{"Ref":"([^"]+)"\}/g,
        ),
      ].map(match => stack.template.Resources?.[match[1]]);
      return (
        refs.length > 0 &&
        refs.every(ref => ref !== undefined && namesSet(ref)?.length === 0)
      );
    })
  );
}

/**
 * What stands in the way of a recreate with the resource's table entry:
 * `none`, or what is wrong.
 */
function recreateProblem(k: Kept): string {
  const entry = RETAINED[k.key];
  if (!entry) {
    return 'not in RETAINED';
  }
  const { recreate } = entry;
  const names = namesSet(k.resource);
  if (names === undefined) {
    return `no NAME_PROPERTIES for ${k.resource.Type}`;
  }
  const policy = k.resource.DeletionPolicy;
  switch (recreate.how) {
    case 'generated':
      return names.length === 0 && NAME_PROPERTIES[k.resource.Type].length > 0
        ? 'none'
        : `named by ${names.join(', ')}`;
    case 'unnamed':
      return NAME_PROPERTIES[k.resource.Type].length === 0
        ? 'none'
        : `${k.resource.Type} has a name`;
    case 'named after a generated name':
      return namedAfterGeneratedName(k) ? 'none' : 'not named after a Ref';
    case 'deleted after snapshot':
      return policy === 'Snapshot' ? 'none' : `DeletionPolicy ${policy}`;
    case 'reused by import':
      return names.length > 0 && recreate.importedBy !== ''
        ? 'none'
        : 'no fixed name to import by';
    default:
      return 'unknown recreate rule';
  }
}

describe('destroy, then create an environment of the same name', () => {
  let stacks: EnvironmentStackTemplate[];
  let kept: Kept[];

  beforeAll(() => {
    stacks = synthesizeTemplates(testSpec()).stacks;
    kept = keptResources(stacks);
  });

  it('lists every resource that outlives its stack, with its type', () => {
    expect(Object.fromEntries(kept.map(k => [k.key, k.resource.Type]))).toEqual(
      Object.fromEntries(
        Object.entries(RETAINED).map(([key, { type }]) => [key, type]),
      ),
    );
  });

  it('gives each of them a way past its leftover', () => {
    expect(kept.map(k => [k.key, recreateProblem(k)])).toEqual(
      kept.map(k => [k.key, 'none']),
    );
  });

  it('names the API repository only through the registry stack output', () => {
    const repository = kept.find(
      k => k.key === 'registry/RegistryApiRepository',
    );
    expect(repository?.resource.Properties?.RepositoryName).toBeUndefined();
    const registry = stacks.find(stack => stack.id === 'registry');
    expect(JSON.stringify(registry?.template.Outputs?.RepositoryUri)).toMatch(
      /RegistryApiRepository[0-9A-F]{8}/,
    );
  });
});
