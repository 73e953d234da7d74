import type { FieldError } from '../api/types';
import type { EnvironmentSpec } from './schema';

/**
 * Field errors (same FieldError type as validateEnvironmentSpec) for changing
 * `current` into `proposed`; empty when allowed.
 *
 * @public
 */
export function checkSpecUpdate(
  current: EnvironmentSpec,
  proposed: EnvironmentSpec,
): FieldError[] {
  void current;
  void proposed;
  return [];
}

/**
 * The order in which AWS applies the update, as sentences, e.g. for
 * 1.33 -> 1.34: control plane, then node groups' release version, then add-on
 * versions; empty when nothing needs ordering.
 *
 * @public
 */
export function updateSteps(
  current: EnvironmentSpec,
  proposed: EnvironmentSpec,
): string[] {
  void current;
  void proposed;
  return [];
}
