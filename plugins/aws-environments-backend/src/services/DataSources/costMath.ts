/** Rounds to whole cents. */
export function roundUsd(amount: number): number {
  return Math.round(amount * 100) / 100;
}
