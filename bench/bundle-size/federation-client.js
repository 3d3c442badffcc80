// Only the federation client: clusters, catalog and prices, cost comparison, migration plans.
import { CoreClient } from '@novacron/core';
import { createFederationClient } from '@novacron/federation';

const federation = createFederationClient(new CoreClient({ baseUrl: 'https://novacron.example.com', token: 'token' }));
federation.clusters.list().then((page) => console.log(page.items.length));
