/**
 * The minimal loopback server of the transport benchmark: every request gets the same VM JSON,
 * so what differs between clients is the client's own cost. Runs as a child process so the
 * server does not share the clients' event loop.
 */
import { createServer } from 'node:http';

const vm = JSON.stringify({
  id: 'vm-1',
  name: 'web-01',
  state: 'running',
  status: 'running',
  node_id: 'node-1',
  tenant_id: 'default',
  owner_id: '1',
  type: 'kvm',
  cpu_shares: 4,
  memory_mb: 4096,
  disk_size_gb: 40,
  image: 'ubuntu-24.04',
  tags: { app: 'web', tier: 'blue' },
  ip_address: '10.0.0.11',
  cloud_provider: 'kvm',
  region: 'local-1',
  created_at: '2026-11-25T10:00:00.000Z',
  updated_at: '2026-11-25T10:00:05.000Z',
  started_at: '2026-11-25T10:00:05.000Z',
  error_message: null,
  resource_version: 42,
});
const length = String(Buffer.byteLength(vm));

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': length, 'x-request-id': 'bench' });
    res.end(vm);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => process.exit(0));
