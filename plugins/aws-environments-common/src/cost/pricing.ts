import {
  EKS_KUBERNETES_VERSIONS,
  EksKubernetesVersionInfo,
} from '../spec/catalogs';
import { HOURS_PER_MONTH } from './prices';

/** Helpers the cost lines, notes and suggestions share. */

export const usd = (value: number) => `$${value.toFixed(2)}`;
export const round = (value: number) => Math.round(value * 100) / 100;
export const hourly = (price: number) => price * HOURS_PER_MONTH;

export function eksVersionInfo(
  version: string,
): EksKubernetesVersionInfo | undefined {
  return EKS_KUBERNETES_VERSIONS.find(info => info.version === version);
}

export function isExtendedSupport(version: string, asOf: string): boolean {
  const info = eksVersionInfo(version);
  return info !== undefined && asOf >= info.endOfStandardSupport;
}

export function priceOf(table: Readonly<Record<string, number>>, key: string) {
  const price = table[key];
  if (price === undefined) {
    throw new Error(`No price for "${key}" in the cost model's price table`);
  }
  return price;
}
