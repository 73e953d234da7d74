/**
 * 32-bit FNV-1a hash: the sandbox's source of "randomness", so the same
 * environment shows the same data on the same day, on every instance.
 */
export function hash32(input: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A deterministic number in [0, 1) for the seed. */
export function unitInterval(seed: string): number {
  return hash32(seed) / 2 ** 32;
}

/** A deterministic lowercase hex string of the given length for the seed. */
export function hexId(seed: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += hash32(`${seed}#${i}`).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}
