/**
 * The simulator's price snapshot. AWS, Azure and GCP rows are public list prices (Linux, on-demand,
 * USD per hour) as published on the pages named in `source`, valid on `effective_date`. A price this
 * snapshot does not hold is `null` with the reason, never 0: a zero is only written where the seller
 * confirms the thing is free. OpenStack and VMware have no public price list; their rows come from
 * the example operator rate cards below, which are illustrations, not facts about any real operator.
 */

export interface SnapshotPrice {
  hourly: number | null;
  unknown_reason: string | null;
  /** Only with `hourly: 0`: the seller states this is free. */
  free_confirmed?: boolean;
}

export interface SnapshotInstanceType {
  name: string;
  family: string;
  vcpu: number;
  memory_gib: number;
  gpu_count: number;
  gpu_model: string | null;
  arch: 'x86_64' | 'arm64';
}

export interface SnapshotRegionPrices {
  provider: 'aws' | 'azure' | 'gcp';
  region: string;
  source: string;
  /** instance type → on-demand hourly; a missing type is listed with a null price and this reason. */
  on_demand: Record<string, number | null>;
}

export const SNAPSHOT_EFFECTIVE_DATE = '2024-06-01';
export const SNAPSHOT_ID = 'public-list-2024-06';

const AWS_SOURCE = 'https://aws.amazon.com/ec2/pricing/on-demand/ (AWS Price List offer file AmazonEC2/current/index.json, Linux, shared tenancy)';
const AZURE_SOURCE = 'https://azure.microsoft.com/en-us/pricing/details/virtual-machines/linux/ (Azure Retail Prices API, serviceName Virtual Machines, pay-as-you-go)';
const GCP_SOURCE = 'https://cloud.google.com/compute/vm-instance-pricing (Cloud Billing Catalog, on-demand)';

export const SPOT_UNKNOWN: Record<'aws' | 'azure' | 'gcp', string> = {
  aws: 'EC2 spot prices move with supply per availability zone; this snapshot holds no spot price history',
  azure: 'Azure spot prices vary by region and over time; not captured in this snapshot',
  gcp: 'Spot VM prices can change up to once every 30 days; not captured in this snapshot',
};

export const RESERVED_UNKNOWN: Record<'aws' | 'azure' | 'gcp', string> = {
  aws: 'Reserved Instance terms (1y/3y, payment option) are not captured in this snapshot',
  azure: 'Reserved VM Instance prices are not captured in this snapshot',
  gcp: 'Committed use discount prices are not captured in this snapshot',
};

export const NOT_CAPTURED = 'on-demand price for this region not captured in this snapshot';

export const PUBLIC_INSTANCE_TYPES: Record<'aws' | 'azure' | 'gcp', SnapshotInstanceType[]> = {
  aws: [
    { name: 't3.medium', family: 't3', vcpu: 2, memory_gib: 4, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'm5.large', family: 'm5', vcpu: 2, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'm5.xlarge', family: 'm5', vcpu: 4, memory_gib: 16, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'm5.2xlarge', family: 'm5', vcpu: 8, memory_gib: 32, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'c5.large', family: 'c5', vcpu: 2, memory_gib: 4, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'c5.xlarge', family: 'c5', vcpu: 4, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'r5.large', family: 'r5', vcpu: 2, memory_gib: 16, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'r5.xlarge', family: 'r5', vcpu: 4, memory_gib: 32, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'g4dn.xlarge', family: 'g4dn', vcpu: 4, memory_gib: 16, gpu_count: 1, gpu_model: 'NVIDIA T4', arch: 'x86_64' },
    { name: 'm6g.large', family: 'm6g', vcpu: 2, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'arm64' },
  ],
  azure: [
    { name: 'Standard_B2s', family: 'B', vcpu: 2, memory_gib: 4, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'Standard_D2s_v5', family: 'Dsv5', vcpu: 2, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'Standard_D4s_v5', family: 'Dsv5', vcpu: 4, memory_gib: 16, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'Standard_D8s_v5', family: 'Dsv5', vcpu: 8, memory_gib: 32, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'Standard_E2s_v5', family: 'Esv5', vcpu: 2, memory_gib: 16, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'Standard_E4s_v5', family: 'Esv5', vcpu: 4, memory_gib: 32, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'Standard_F2s_v2', family: 'Fsv2', vcpu: 2, memory_gib: 4, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'Standard_F4s_v2', family: 'Fsv2', vcpu: 4, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'Standard_NC4as_T4_v3', family: 'NCasT4_v3', vcpu: 4, memory_gib: 28, gpu_count: 1, gpu_model: 'NVIDIA T4', arch: 'x86_64' },
    { name: 'Standard_D2ps_v5', family: 'Dpsv5', vcpu: 2, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'arm64' },
  ],
  gcp: [
    { name: 'e2-standard-2', family: 'e2', vcpu: 2, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'e2-standard-4', family: 'e2', vcpu: 4, memory_gib: 16, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'n2-standard-2', family: 'n2', vcpu: 2, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'n2-standard-4', family: 'n2', vcpu: 4, memory_gib: 16, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'n2-standard-8', family: 'n2', vcpu: 8, memory_gib: 32, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'n2-highmem-2', family: 'n2', vcpu: 2, memory_gib: 16, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'n2-highcpu-2', family: 'n2', vcpu: 2, memory_gib: 2, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'c2-standard-4', family: 'c2', vcpu: 4, memory_gib: 16, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'a2-highgpu-1g', family: 'a2', vcpu: 12, memory_gib: 85, gpu_count: 1, gpu_model: 'NVIDIA A100 40GB', arch: 'x86_64' },
  ],
};

export const PUBLIC_PRICES: SnapshotRegionPrices[] = [
  {
    provider: 'aws',
    region: 'us-east-1',
    source: AWS_SOURCE,
    on_demand: {
      't3.medium': 0.0416,
      'm5.large': 0.096,
      'm5.xlarge': 0.192,
      'm5.2xlarge': 0.384,
      'c5.large': 0.085,
      'c5.xlarge': 0.17,
      'r5.large': 0.126,
      'r5.xlarge': 0.252,
      'g4dn.xlarge': 0.526,
      'm6g.large': 0.077,
    },
  },
  {
    provider: 'aws',
    region: 'eu-west-1',
    source: AWS_SOURCE,
    on_demand: {
      't3.medium': 0.0456,
      'm5.large': 0.107,
      'm5.xlarge': 0.214,
      'm5.2xlarge': 0.428,
      'c5.large': 0.096,
      'c5.xlarge': 0.192,
      'r5.large': 0.141,
      'r5.xlarge': 0.282,
      'g4dn.xlarge': 0.587,
      'm6g.large': 0.086,
    },
  },
  {
    provider: 'aws',
    region: 'ap-southeast-1',
    source: AWS_SOURCE,
    on_demand: {
      't3.medium': 0.0528,
      'm5.large': 0.12,
      'm5.xlarge': 0.24,
      'm5.2xlarge': 0.48,
      'c5.large': 0.098,
      'c5.xlarge': 0.196,
      'r5.large': 0.152,
      'r5.xlarge': 0.304,
      'g4dn.xlarge': 0.736,
      'm6g.large': null,
    },
  },
  {
    provider: 'azure',
    region: 'eastus',
    source: AZURE_SOURCE,
    on_demand: {
      Standard_B2s: 0.0416,
      Standard_D2s_v5: 0.096,
      Standard_D4s_v5: 0.192,
      Standard_D8s_v5: 0.384,
      Standard_E2s_v5: 0.126,
      Standard_E4s_v5: 0.252,
      Standard_F2s_v2: 0.0846,
      Standard_F4s_v2: 0.169,
      Standard_NC4as_T4_v3: 0.526,
      Standard_D2ps_v5: 0.077,
    },
  },
  // The snapshot holds Azure's East US list only; the other regions are listed so a lookup says why it has no price.
  { provider: 'azure', region: 'westeurope', source: AZURE_SOURCE, on_demand: {} },
  { provider: 'azure', region: 'southeastasia', source: AZURE_SOURCE, on_demand: {} },
  {
    provider: 'gcp',
    region: 'us-central1',
    source: GCP_SOURCE,
    on_demand: {
      'e2-standard-2': 0.067006,
      'e2-standard-4': 0.134012,
      'n2-standard-2': 0.097118,
      'n2-standard-4': 0.194236,
      'n2-standard-8': 0.388472,
      'n2-highmem-2': 0.131014,
      'n2-highcpu-2': 0.071696,
      'c2-standard-4': 0.2088,
      'a2-highgpu-1g': 3.673385,
    },
  },
  { provider: 'gcp', region: 'europe-west1', source: GCP_SOURCE, on_demand: {} },
  { provider: 'gcp', region: 'asia-southeast1', source: GCP_SOURCE, on_demand: {} },
];

export interface SnapshotEgress {
  provider: string;
  region: string;
  per_gb: number | null;
  unknown_reason: string | null;
  free_confirmed?: boolean;
  free_gb_per_month: number;
  source: string;
  note: string;
}

const AWS_EGRESS = 'https://aws.amazon.com/ec2/pricing/on-demand/ (Data Transfer OUT from Amazon EC2 to Internet)';
const AZURE_EGRESS = 'https://azure.microsoft.com/en-us/pricing/details/bandwidth/ (Internet egress, Microsoft premium global network)';
const GCP_EGRESS = 'https://cloud.google.com/vpc/network-pricing (Premium Tier internet data transfer)';

/** Internet egress out of each region, first paid tier: what moving a VM's disk out of that region costs per GB. */
export const PUBLIC_EGRESS: SnapshotEgress[] = [
  { provider: 'aws', region: 'us-east-1', per_gb: 0.09, unknown_reason: null, free_gb_per_month: 100, source: AWS_EGRESS, note: 'first 10 TB/month after 100 GB free' },
  { provider: 'aws', region: 'eu-west-1', per_gb: 0.09, unknown_reason: null, free_gb_per_month: 100, source: AWS_EGRESS, note: 'first 10 TB/month after 100 GB free' },
  { provider: 'aws', region: 'ap-southeast-1', per_gb: 0.12, unknown_reason: null, free_gb_per_month: 100, source: AWS_EGRESS, note: 'first 10 TB/month after 100 GB free' },
  { provider: 'azure', region: 'eastus', per_gb: 0.087, unknown_reason: null, free_gb_per_month: 100, source: AZURE_EGRESS, note: 'North America zone, first 10 TB/month after 100 GB free' },
  { provider: 'azure', region: 'westeurope', per_gb: 0.087, unknown_reason: null, free_gb_per_month: 100, source: AZURE_EGRESS, note: 'Europe zone, first 10 TB/month after 100 GB free' },
  { provider: 'azure', region: 'southeastasia', per_gb: 0.12, unknown_reason: null, free_gb_per_month: 100, source: AZURE_EGRESS, note: 'Asia zone, first 10 TB/month after 100 GB free' },
  { provider: 'gcp', region: 'us-central1', per_gb: 0.12, unknown_reason: null, free_gb_per_month: 0, source: GCP_EGRESS, note: 'first TiB/month to worldwide destinations except China and Australia' },
  { provider: 'gcp', region: 'europe-west1', per_gb: 0.12, unknown_reason: null, free_gb_per_month: 0, source: GCP_EGRESS, note: 'first TiB/month to worldwide destinations except China and Australia' },
  { provider: 'gcp', region: 'asia-southeast1', per_gb: null, unknown_reason: 'internet egress from Asia regions not captured in this snapshot', free_gb_per_month: 0, source: GCP_EGRESS, note: '' },
];

/** An operator's rate card, already in the units the simulator prices with (per hour, per GiB-hour, per GB). */
export interface ExampleRateCard {
  provider: 'openstack' | 'vmware';
  regions: string[];
  currency: 'USD';
  effective_date: string;
  source: string;
  vcpu_hour: number;
  gib_hour: number;
  gpu_hour: number | null;
  egress_per_gb: number;
  egress_free_confirmed: boolean;
  flavors: Array<Omit<SnapshotInstanceType, 'family'>>;
}

const RATE_CARD_SOURCE = 'operator rate card (simulator example, not a public price)';

export const EXAMPLE_RATE_CARDS: ExampleRateCard[] = [
  {
    provider: 'openstack',
    regions: ['dc-1', 'fra-1'],
    currency: 'USD',
    effective_date: '2024-06-01',
    source: RATE_CARD_SOURCE,
    vcpu_hour: 0.018,
    gib_hour: 0.0024,
    gpu_hour: null,
    egress_per_gb: 0.01,
    egress_free_confirmed: false,
    flavors: [
      { name: 'm1.small', vcpu: 1, memory_gib: 2, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
      { name: 'm1.medium', vcpu: 2, memory_gib: 4, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
      { name: 'm1.large', vcpu: 4, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
      { name: 'm1.xlarge', vcpu: 8, memory_gib: 16, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
      { name: 'g1.standard-2', vcpu: 2, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
      { name: 'r1.large', vcpu: 4, memory_gib: 32, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    ],
  },
  {
    provider: 'vmware',
    regions: ['vsphere-east', 'vsphere-muc'],
    currency: 'USD',
    effective_date: '2024-06-01',
    source: RATE_CARD_SOURCE,
    // 14.60 per vCPU-month and 2.19 per GiB-month over 730 hours.
    vcpu_hour: 0.02,
    gib_hour: 0.003,
    gpu_hour: 0.45,
    egress_per_gb: 0,
    egress_free_confirmed: true,
    flavors: [
      { name: 'vm.small', vcpu: 1, memory_gib: 4, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
      { name: 'vm.medium', vcpu: 2, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
      { name: 'vm.large', vcpu: 4, memory_gib: 16, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
      { name: 'vm.xlarge', vcpu: 8, memory_gib: 32, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
      { name: 'vm.gpu-t4', vcpu: 4, memory_gib: 16, gpu_count: 1, gpu_model: 'NVIDIA T4', arch: 'x86_64' },
    ],
  },
];
