// The meta-package's client: one VM read and an event stream.
import { createClient } from '@novacron/sdk';

const client = createClient({ baseUrl: 'https://novacron.example.com', token: 'token' });
client.vms.get('vm-1').then((found) => console.log(found.name));
client.events().then((stream) => stream.on('*', (event) => console.log(event.type)));
