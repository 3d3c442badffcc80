export { createVmClient, type VmClient } from './vm-client';
export { VmsResource, type ListVmsParams, type MetricsHistoryParams, type VmAction } from './vms-resource';
export { MigrationsResource, type ListMigrationsParams } from './migrations-resource';
export { NodesResource } from './nodes-resource';
export { MonitoringResource, type ListAlertsParams, type PageParams } from './monitoring-resource';
export { NetworksResource, VmInterfacesResource } from './networks-resource';
export { runBatch, fulfilledValues, type BatchItemResult, type BatchOptions, type BatchProgress } from './batch';
export * from './schemas';
