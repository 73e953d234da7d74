import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  KindValidator,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

const kindValidators: KindValidator[] = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
];

/**
 * Validates an entity the way the catalog does before storing it: the
 * entity policies (envelope, field formats, no foreign root fields) and the
 * schema of its kind. Throws with the catalog's message when invalid.
 */
export async function validateEntity(entity: unknown): Promise<Entity> {
  const checked = await policy.enforce(entity as Entity);
  if (!checked) {
    throw new Error('The entity policies rejected the entity');
  }
  for (const validator of kindValidators) {
    if (await validator.check(checked)) {
      return checked;
    }
  }
  throw new Error(
    `No validator for ${checked.apiVersion} ${checked.kind} ${checked.metadata.name}`,
  );
}
