import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** Describes the `owner` input of the deploy action. */
export const OWNER_INPUT_DESCRIPTION =
  'The owner of the environment, a catalog entity ref (group:default/platform-team): ' +
  'one of your own groups, or yourself. Left out (or empty), a new environment is ' +
  'owned by your first group (by you when you belong to none) and an existing one ' +
  'keeps its owner.';

const OWNER_KINDS = ['group', 'user'];

/**
 * Validates the `owner` input: a group or user entity ref, returned in full
 * (`group:default/platform-team`); `undefined` when left out or empty (a
 * cleared group picker gives an empty string). Whether the user may give
 * the environment to that owner is the backend's to judge.
 */
export function parseOwnerInput(input: string | undefined): string | undefined {
  if (!input) {
    return undefined;
  }
  const invalid = new InputError(
    `owner: "${input}" is not a group or user entity ref; use one like group:default/platform-team`,
  );
  let ref;
  try {
    ref = parseEntityRef(input);
  } catch {
    throw invalid;
  }
  if (!OWNER_KINDS.includes(ref.kind.toLocaleLowerCase('en-US'))) {
    throw invalid;
  }
  return stringifyEntityRef(ref);
}
