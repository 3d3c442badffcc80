// Only the placement engine, run in the browser on nodes the app already has.
import { placeVm } from '@novacron/ai';

const nodes = [{ id: 'kvm-1', provider: 'kvm', region: 'dc-1', capacity: { cpu: 32, memoryMb: 131072 }, allocated: { cpu: 20, memoryMb: 65536 } }];
console.log(placeVm({ cpu: 4, memoryMb: 8192 }, nodes).nodeId);
