export * from './schema';
export * from './catalogs';
export * from './regions';
export * from './network';
export * from './naming';
export * from './validate';
export * from './jsonSchema';
export * from './update';
