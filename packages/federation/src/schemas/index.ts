export * from './cluster-schema';
export * from './runtime-cluster-schema';
export * from './catalog-schema';
export * from './migration-schema';
export * from './inventory-schema';
export * from './cost-schema';
