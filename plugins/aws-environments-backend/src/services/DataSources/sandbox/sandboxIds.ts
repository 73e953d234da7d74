import { hexId } from '../../../lib/deterministic';

/** A UUID-shaped id, the same for the same seed. */
export function sandboxUuid(seed: string): string {
  const hex = hexId(seed, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
    12,
    16,
  )}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
