import {
  FLEET_SORT_KEYS,
  type FleetQuery,
  type FleetSortKey,
} from '@innovate/plugin-aws-environments-common';

/** Environments per page of the list. */
export const PAGE_SIZE = 50;

/** The filters of the list, kept in the URL's search parameters. */
export const FILTER_KEYS = [
  'owner',
  'source',
  'status',
  'region',
  'account',
] as const;

export type FilterKey = (typeof FILTER_KEYS)[number];

/**
 * The fleet query of the URL's search parameters: filters, sort, order and
 * the page's cursor. Values the backend would refuse are left out, so a
 * hand-edited URL shows the list rather than an error.
 */
export function fleetQueryOf(params: URLSearchParams): FleetQuery {
  const query: FleetQuery = { limit: String(PAGE_SIZE) };
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) {
      query[key] = value as never;
    }
  }
  if (query.source && query.source !== 'sandbox' && query.source !== 'aws') {
    delete query.source;
  }
  if (query.account && !/^[0-9]{12}$/.test(query.account)) {
    delete query.account;
  }
  const sort = params.get('sort');
  if (sort && (FLEET_SORT_KEYS as readonly string[]).includes(sort)) {
    query.sort = sort as FleetSortKey;
  }
  const order = params.get('order');
  if (order === 'asc' || order === 'desc') {
    query.order = order;
  }
  const cursor = params.get('cursor');
  if (cursor && /^[0-9]{1,6}$/.test(cursor)) {
    query.cursor = cursor;
  }
  return query;
}

/** The search parameters with `changes` applied (empty values removed). */
export function withParams(
  params: URLSearchParams,
  changes: Record<string, string | undefined>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value) {
      next.set(key, value);
    } else {
      next.delete(key);
    }
  }
  return next;
}
