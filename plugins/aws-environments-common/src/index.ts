/**
 * Isomorphic parts of the AWS environments plugins: the environment spec,
 * the cost model, API types, permissions and annotation keys.
 *
 * @packageDocumentation
 */

export * from './spec';
export * from './cost';
export * from './synthesis';
export * from './destroyPlan';
export * from './api/types';
export * from './api/fleet';
export * from './api/requests';
export * from './api/client';
export * from './permissions';
export * from './annotations';
export * from './cloudformation';
export * from './facts';
export * from './coalesce';
export * from './lifecycle';
