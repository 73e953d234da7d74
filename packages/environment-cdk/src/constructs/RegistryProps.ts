/**
 * Properties of {@link Registry}.
 *
 * @public
 */
export interface RegistryProps {
  /**
   * Other accounts whose nodes may pull images (the workloads account when
   * it differs from the registry's own).
   */
  readonly pullAccountIds: string[];
  /** Images kept; older ones expire. */
  readonly imagesKept: number;
}
