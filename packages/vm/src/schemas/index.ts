export * from './vm-schema';
export * from './migration-schema';
export * from './node-schema';
export * from './network-schema';
export * from './vm-interface-schema';
export * from './metrics-schema';
export * from './monitoring-schema';
