import {
  CreateVmInputSchema,
  CreateVmWireSchema,
  MigrationWireSchema,
  NodeWireSchema,
  StartMigrationInputSchema,
  VmMetricsHistoryWireSchema,
  VmWireSchema,
  createVmInputToWire,
  migrationFromWire,
  migrationToWire,
  nodeFromWire,
  startMigrationInputToWire,
  vmFromWire,
  vmMetricsHistoryFromWire,
  vmMetricsFromWire,
  vmMetricsToWire,
  VmMetricsWireSchema,
  vmToWire,
} from '../src/schemas';

const vmWire = {
  id: 'vm-1',
  name: 'web-1',
  state: 'running',
  status: 'running',
  node_id: 'node-a',
  tenant_id: 'default',
  owner_id: 'u-1',
  type: 'kvm',
  cpu_shares: 2,
  memory_mb: 2048,
  disk_size_gb: 20,
  image: 'ubuntu-24.04',
  tags: { env: 'prod' },
  ip_address: '10.0.0.5',
  cloud_provider: 'aws',
  region: 'us-east-1',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:01.000Z',
  started_at: '2026-01-01T00:00:01.000Z',
  error_message: null,
  resource_version: 7,
};

describe('VM wire schema', () => {
  it('maps the wire shape to camelCase and back without loss', () => {
    const vm = vmFromWire(VmWireSchema.parse(vmWire));
    expect(vm).toMatchObject({ nodeId: 'node-a', cpuShares: 2, memoryMb: 2048, resourceVersion: 7, cloudProvider: 'aws' });
    expect(vmToWire(vm)).toEqual(vmWire);
  });

  it('tolerates unknown fields and upstream canonical VMs that omit the sizing fields', () => {
    const parsed = VmWireSchema.parse({
      id: 'vm-2',
      name: 'legacy',
      state: 'creating',
      status: 'creating',
      node_id: '',
      tenant_id: 'default',
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      some_future_field: { nested: true },
    });
    expect(parsed.some_future_field).toEqual({ nested: true });
    const vm = vmFromWire(parsed);
    expect(vm.nodeId).toBeNull();
    expect(vm.type).toBe('kvm');
    expect(vm.cpuShares).toBeNull();
    expect(vm.resourceVersion).toBeNull();
  });

  it('stringifies non-string tag values that upstream stores', () => {
    const vm = vmFromWire(VmWireSchema.parse({ ...vmWire, tags: { replicas: 3, on: true } }));
    expect(vm.tags).toEqual({ replicas: '3', on: 'true' });
  });

  it('rejects a VM in an unknown state or without an id', () => {
    expect(VmWireSchema.safeParse({ ...vmWire, state: 'exploded' }).success).toBe(false);
    const { id: _id, ...noId } = vmWire;
    expect(VmWireSchema.safeParse(noId).success).toBe(false);
  });
});

describe('create VM input', () => {
  it('maps camelCase input to the snake_case body the server validates', () => {
    const input = CreateVmInputSchema.parse({
      name: 'Web.01_a-b',
      cpuShares: 4,
      memoryMb: 4096,
      diskSizeGb: 40,
      tags: { team: 'infra' },
      placement: { policy: 'consolidated', preferredNodes: ['n1'], excludedNodes: ['n2'] },
    });
    const wire = createVmInputToWire(input);
    expect(wire).toEqual({
      name: 'Web.01_a-b',
      cpu_shares: 4,
      memory_mb: 4096,
      disk_size_gb: 40,
      tags: { team: 'infra' },
      placement: { policy: 'consolidated', preferred_nodes: ['n1'], excluded_nodes: ['n2'] },
    });
    expect(CreateVmWireSchema.parse(wire)).toEqual(wire);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ name: '' }, 'name'],
    [{ name: 'a'.repeat(64) }, 'name'],
    [{ name: 'has space' }, 'name'],
    [{ name: 'ok', cpuShares: 0 }, 'cpuShares'],
    [{ name: 'ok', cpuShares: 129 }, 'cpuShares'],
    [{ name: 'ok', memoryMb: 64 }, 'memoryMb'],
    [{ name: 'ok', diskSizeGb: 70_000 }, 'diskSizeGb'],
    [{ name: 'ok', tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) }, 'tags'],
    [{ name: 'ok', placement: { policy: 'random' } }, 'placement'],
  ])('rejects input with a bad %#', (input, field) => {
    const result = CreateVmInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });
});

describe('migration, node and metrics schemas', () => {
  const migrationWire = {
    id: 'mig-1',
    vm_id: 'vm-1',
    vm_name: 'web-1',
    source_node_id: 'a',
    target_node_id: 'b',
    type: 'live',
    state: 'transferring',
    progress: 42.5,
    bytes_transferred: 100,
    total_bytes: 200,
    transfer_rate: 50,
    downtime_ms: null,
    error_message: null,
    started_at: '2026-01-01T00:00:00Z',
    completed_at: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    resource_version: 3,
  };

  it('round-trips a migration and rejects progress outside 0..100', () => {
    const migration = migrationFromWire(MigrationWireSchema.parse(migrationWire));
    expect(migration).toMatchObject({ vmId: 'vm-1', targetNodeId: 'b', bytesTransferred: 100, progress: 42.5 });
    expect(migrationToWire(migration)).toEqual(migrationWire);
    expect(MigrationWireSchema.safeParse({ ...migrationWire, progress: 120 }).success).toBe(false);
  });

  it('maps the start-migration input and bounds the compression level', () => {
    expect(startMigrationInputToWire({ targetNodeId: 'b', type: 'live', compressionLevel: 6 })).toEqual({
      target_node_id: 'b',
      type: 'live',
      compression_level: 6,
    });
    expect(StartMigrationInputSchema.safeParse({ targetNodeId: 'b', type: 'live', compressionLevel: 10 }).success).toBe(false);
    expect(StartMigrationInputSchema.safeParse({ targetNodeId: 'b', type: 'offline' }).success).toBe(false);
  });

  it('sends upstream’s default migration type, cold, when the input names none', () => {
    const input = StartMigrationInputSchema.parse({ targetNodeId: 'b' });
    expect(startMigrationInputToWire(input)).toEqual({ target_node_id: 'b', type: 'cold' });
  });

  it('maps a node and a metrics history', () => {
    const node = nodeFromWire(
      NodeWireSchema.parse({
        id: 'n', name: 'n', address: '10.0.0.1', status: 'online', cloud_provider: 'gcp', region: 'eu',
        total_cpu: 8, used_cpu: 2, total_memory_mb: 1024, used_memory_mb: 0, total_disk_gb: 10, used_disk_gb: 0,
        vm_count: 1, schedulable: true, labels: { zone: 'a' }, resource_version: 1, extra: 1,
      }),
    );
    expect(node).toMatchObject({ cloudProvider: 'gcp', usedCpu: 2, labels: { zone: 'a' } });
    const history = vmMetricsHistoryFromWire(
      VmMetricsHistoryWireSchema.parse({
        vm_id: 'vm-1',
        step_seconds: 60,
        points: [{ timestamp: 't', cpu_usage: 1, memory_usage: 2, disk_usage: 3, network_rx_bytes: 4, network_tx_bytes: 5, iops: 6 }],
      }),
    );
    expect(history.points[0]).toEqual({ timestamp: 't', cpuUsage: 1, memoryUsage: 2, diskUsage: 3, networkRxBytes: 4, networkTxBytes: 5, iops: 6 });
  });

  it("reads current metrics in this contract's shape and in upstream's shorter one", () => {
    const full = vmMetricsFromWire(
      VmMetricsWireSchema.parse({ vm_id: 'vm-1', timestamp: 't', cpu_usage: 10, memory_usage: 20, disk_usage: 30, network_rx_bytes: 1, network_tx_bytes: 2, iops: 3 }),
    );
    expect(full).toEqual({ vmId: 'vm-1', timestamp: 't', cpuUsage: 10, memoryUsage: 20, diskUsage: 30, networkRxBytes: 1, networkTxBytes: 2, iops: 3 });
    expect(vmMetricsFromWire(VmMetricsWireSchema.parse(vmMetricsToWire(full)))).toEqual(full);
    // backend/cmd/api-server answers {id, cpu_usage, memory_usage} and nothing else.
    const upstream = vmMetricsFromWire(VmMetricsWireSchema.parse({ id: 'vm-1', cpu_usage: 0.5, memory_usage: 12.5 }));
    expect(upstream).toEqual({ vmId: 'vm-1', timestamp: null, cpuUsage: 0.5, memoryUsage: 12.5, diskUsage: null, networkRxBytes: null, networkTxBytes: null, iops: null });
    expect(VmMetricsWireSchema.safeParse({ cpu_usage: 1, memory_usage: 1 }).success).toBe(false);
  });
});
