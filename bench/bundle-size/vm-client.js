// A browser app that builds the VM client by hand and reads one VM.
import { CoreClient } from '@novacron/core';
import { createVmClient } from '@novacron/vm';

const vm = createVmClient(new CoreClient({ baseUrl: 'https://novacron.example.com', token: 'token' }));
vm.vms.get('vm-1').then((found) => console.log(found.name));
