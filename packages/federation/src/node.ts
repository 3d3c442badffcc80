export { FilePlanStore, type FilePlanStoreOptions } from './file-plan-store';
