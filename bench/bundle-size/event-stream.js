// Only the event stream.
import { EventStream } from '@novacron/events';

const stream = new EventStream({ url: 'https://novacron.example.com', token: 'token' });
stream.on('*', (event) => console.log(event.type));
