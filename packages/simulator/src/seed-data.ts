/** A user the simulator knows at start (or gets from `controls.addUser`). */
export interface SeedUser {
  email: string;
  password: string;
  /** Defaults to the email's local part. */
  username?: string;
  /** `viewer` < `operator` < `admin` (also `super-admin`, and `user`, which may only read its own profile). */
  role: string;
  /** Defaults to `default`. */
  tenantId?: string;
  /** A base32 TOTP secret: when set, login answers `requires_2fa` and needs a code from `totp(secret)`. */
  totpSecret?: string;
  /** Defaults to the next free integer, as a string (upstream ids are serial). */
  id?: string;
  firstName?: string;
  lastName?: string;
}

/** A hypervisor node of the simulated fleet. */
export interface SeedNode {
  id: string;
  name?: string;
  address?: string;
  cloudProvider: string;
  region: string;
  totalCpu: number;
  totalMemoryMb: number;
  totalDiskGb: number;
  labels?: Record<string, string>;
  status?: 'online' | 'offline' | 'maintenance';
  schedulable?: boolean;
}

export const DEFAULT_USERS: readonly SeedUser[] = [
  { email: 'admin@novacron.local', username: 'admin', password: 'admin123', role: 'admin', tenantId: 'default' },
  { email: 'operator@novacron.local', username: 'operator', password: 'operator123', role: 'operator', tenantId: 'default' },
  { email: 'viewer@novacron.local', username: 'viewer', password: 'viewer123', role: 'viewer', tenantId: 'default' },
  { email: 'alice@tenant-b.local', username: 'alice', password: 'alice123', role: 'admin', tenantId: 'tenant-b' },
];

export const DEFAULT_NODES: readonly SeedNode[] = [
  { id: 'node-kvm-01', cloudProvider: 'kvm', region: 'dc-1', totalCpu: 64, totalMemoryMb: 262_144, totalDiskGb: 4_096, labels: { zone: 'dc-1a', tier: 'gold' } },
  { id: 'node-kvm-02', cloudProvider: 'kvm', region: 'dc-1', totalCpu: 32, totalMemoryMb: 131_072, totalDiskGb: 2_048, labels: { zone: 'dc-1b', tier: 'silver' } },
  { id: 'node-aws-use1', cloudProvider: 'aws', region: 'us-east-1', totalCpu: 96, totalMemoryMb: 393_216, totalDiskGb: 8_192, labels: { zone: 'us-east-1a', tier: 'gold' } },
  { id: 'node-azure-weu', cloudProvider: 'azure', region: 'westeurope', totalCpu: 64, totalMemoryMb: 262_144, totalDiskGb: 4_096, labels: { zone: 'westeurope-1', tier: 'gold' } },
  { id: 'node-gcp-usc1', cloudProvider: 'gcp', region: 'us-central1', totalCpu: 48, totalMemoryMb: 196_608, totalDiskGb: 4_096, labels: { zone: 'us-central1-a', tier: 'silver' } },
];
