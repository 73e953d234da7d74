export * from './prices';
export * from './drivers';
export * from './estimate';
export * from './seed';
export * from './shared';
