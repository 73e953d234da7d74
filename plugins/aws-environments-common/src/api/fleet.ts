import { z } from 'zod';
import type { AwsEnvironmentsApiSchemas } from './types';

/**
 * One environment in the fleet summary (`GET fleet`).
 *
 * @public
 */
export type FleetEntry = AwsEnvironmentsApiSchemas['FleetEntry'];

/**
 * Sums over the environments of a fleet summary.
 *
 * @public
 */
export type FleetTotals = AwsEnvironmentsApiSchemas['FleetTotals'];

/**
 * The environments of one workloads account and region.
 *
 * @public
 */
export type FleetGroup = AwsEnvironmentsApiSchemas['FleetGroup'];

/**
 * Response of `GET fleet`.
 *
 * @public
 */
export type FleetResponse = AwsEnvironmentsApiSchemas['FleetResponse'];

/**
 * The fields `GET fleet` sorts by.
 *
 * @public
 */
export const FLEET_SORT_KEYS = [
  'name',
  'owner',
  'status',
  'region',
  'account',
  'monthToDate',
  'forecast',
  'budget',
  'budgetUsed',
  'firingAlarms',
] as const;

/** @public */
export type FleetSortKey = (typeof FLEET_SORT_KEYS)[number];

/** The most entries one page of `GET fleet` has. @public */
export const FLEET_MAX_LIMIT = 500;

/** Entries per page of `GET fleet` when `limit` is not given. @public */
export const FLEET_DEFAULT_LIMIT = 100;

const filterValue = z
  .string('must be string')
  .min(1, 'must NOT have fewer than 1 characters')
  .max(200, 'must NOT have more than 200 characters')
  .optional();

/**
 * Query of `GET fleet`: filters, sort, page size and cursor (all strings in
 * the URL). Messages are worded as the OpenAPI validator words them.
 *
 * @public
 */
export const fleetQuerySchema = z.strictObject(
  {
    owner: filterValue,
    source: z
      .enum(['sandbox', 'aws'], {
        error: 'must be equal to one of the allowed values: sandbox, aws',
      })
      .optional(),
    status: filterValue,
    region: filterValue,
    account: z
      .string('must be string')
      .regex(/^[0-9]{12}$/, 'must be a 12-digit AWS account id')
      .optional(),
    sort: z
      .enum(FLEET_SORT_KEYS, {
        error: `must be equal to one of the allowed values: ${FLEET_SORT_KEYS.join(
          ', ',
        )}`,
      })
      .optional(),
    order: z
      .enum(['asc', 'desc'], {
        error: 'must be equal to one of the allowed values: asc, desc',
      })
      .optional(),
    limit: z
      .string('must be string')
      .regex(
        /^[1-9][0-9]{0,2}$/,
        `must be a whole number from 1 to ${FLEET_MAX_LIMIT}`,
      )
      .refine(
        value => Number(value) <= FLEET_MAX_LIMIT,
        `must be a whole number from 1 to ${FLEET_MAX_LIMIT}`,
      )
      .optional(),
    cursor: z
      .string('must be string')
      .regex(/^[0-9]{1,6}$/, 'must be the nextCursor of a previous page')
      .optional(),
  },
  {
    error: issue =>
      issue.code === 'unrecognized_keys'
        ? 'is not a known parameter; expected owner, source, status, region, account, sort, order, limit, cursor'
        : 'must be object',
  },
);

/**
 * The query of `GET fleet`, as parsed.
 *
 * @public
 */
export type FleetQuery = z.infer<typeof fleetQuerySchema>;
