import {
  applySpecFieldValues,
  type EnvironmentSpec,
  type SpecFieldValue,
} from '@innovate/plugin-aws-environments-common';

/** The wizard that creates and changes environments. */
export const ENVIRONMENT_TEMPLATE = {
  namespace: 'default',
  templateName: 'create-aws-environment',
};

/** Where the scaffolder shows a template when no route is bound. */
export const DEFAULT_TEMPLATE_PATH = `/create/templates/${ENVIRONMENT_TEMPLATE.namespace}/${ENVIRONMENT_TEMPLATE.templateName}`;

/** What the wizard needs besides the spec to update an environment. */
export interface ChangeContext {
  spec: EnvironmentSpec;
  source: string;
}

/**
 * The spec with each change applied (common's `applySpecFieldValues`; the
 * changes come from the cost model's suggestions, whose fields exist).
 */
export function applySpecChanges(
  spec: EnvironmentSpec,
  changes: SpecFieldValue[],
): EnvironmentSpec {
  return applySpecFieldValues(spec, changes).spec as EnvironmentSpec;
}

/**
 * The wizard's form data for a change: the form's keys mirror the spec, and
 * `mode: update` makes the deploy step update the environment (and the
 * wizard show the preview of the change). The owner is left out: an update
 * keeps it (and the wizard's owner field takes only groups, while a guest's
 * environment is owned by the guest).
 */
export function changeFormData(
  context: ChangeContext,
  changes: SpecFieldValue[] = [],
): Record<string, unknown> {
  return {
    ...applySpecChanges(context.spec, changes),
    source: context.source,
    mode: 'update',
  };
}

/** The wizard's URL at `templatePath`, prefilled (`?formData=` as the scaffolder reads it). */
export function changeUrl(
  templatePath: string,
  context: ChangeContext,
  changes: SpecFieldValue[] = [],
): string {
  const query = new URLSearchParams({
    formData: JSON.stringify(changeFormData(context, changes)),
  });
  return `${templatePath}?${query}`;
}
