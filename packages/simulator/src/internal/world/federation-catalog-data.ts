/**
 * The simulator's price snapshot. AWS, Azure and GCP rows are public list prices (Linux, USD per hour) copied from
 * dated, machine-generated datasets of the sellers' own price APIs; `DATASETS` names each one (repository, path,
 * commit) and the date it states, and every row carries that date and source. A price this snapshot does not hold is
 * absent from its column, and the column says why; it is never 0. A zero is only written where the seller confirms the
 * thing is free. OpenStack and VMware have no public price list; their rows come from the example operator rate cards
 * below, which are illustrations, not facts about any real operator.
 *
 * To refresh: read the three datasets at a newer commit and replace the numbers, dates and commits together (see the
 * "Prices" section of packages/federation/README.md).
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

export type PublicProvider = 'aws' | 'azure' | 'gcp';

/** Where one provider's prices come from: the seller's page, the dataset that was read, and the date it states. */
export interface SnapshotDataset {
  provider: PublicProvider;
  /** The date the dataset says its prices were generated (UTC), as YYYY-MM-DD. */
  effectiveDate: string;
  /** The dataset's own timestamp, verbatim. */
  generatedAt: string;
  page: string;
  repository: string;
  path: string;
  commit: string;
  /** How the dataset's figures were turned into this snapshot's hourly prices. */
  method: string;
  /** Page, dataset and method in one line: what each offering's `source` says. */
  source: string;
}

/** One price kind in one region: hourly prices by instance type, and why a type without one has none. */
export interface SnapshotPriceColumn {
  hourly: Readonly<Record<string, number>>;
  missing: string;
}

export interface SnapshotRegionPrices {
  provider: PublicProvider;
  region: string;
  effective_date: string;
  source: string;
  on_demand: SnapshotPriceColumn;
  spot: SnapshotPriceColumn;
  /** AWS/Azure: 1-year reservation; GCP: 1-year resource-based committed use. */
  reserved_1y: SnapshotPriceColumn;
  reserved_3y: SnapshotPriceColumn;
}

const dataset = (d: Omit<SnapshotDataset, 'source'>): SnapshotDataset => ({
  ...d,
  source: `${d.page} — ${d.method}; dataset github.com/${d.repository}/blob/${d.commit}/${d.path} (generated ${d.generatedAt})`,
});

export const DATASETS: Readonly<Record<PublicProvider, SnapshotDataset>> = {
  aws: dataset({
    provider: 'aws',
    effectiveDate: '2026-07-20',
    generatedAt: '2026-07-20T13:44:30Z',
    page: 'https://aws.amazon.com/ec2/pricing/on-demand/',
    repository: 'aws/karpenter-provider-aws',
    path: 'pkg/providers/pricing/zz_generated.pricing_aws.go',
    commit: '6fc13b5236fd04fd16ff3f9dc7490d0813994099',
    method:
      'AWS Price List API (AmazonEC2, on-demand, Linux, shared tenancy, no pre-installed software, capacity status Used), ' +
      'USD per hour as listed',
  }),
  azure: dataset({
    provider: 'azure',
    effectiveDate: '2026-06-18',
    generatedAt: '2026-06-18T03:43:41Z',
    page: 'https://azure.microsoft.com/en-us/pricing/details/virtual-machines/linux/',
    repository: 'Azure/karpenter-provider-azure',
    path: 'pkg/providers/pricing/zz_generated.pricing.go',
    commit: '2b431da153a6a92b705c18046512c60b1631b682',
    method:
      'Azure Retail Prices API (priceType Consumption, not Windows, not Spot, not Low Priority), retailPrice per hour by armSkuName',
  }),
  gcp: dataset({
    provider: 'gcp',
    effectiveDate: '2026-07-30',
    generatedAt: 'Thu Jul 30 06:13:17 2026',
    page: 'https://cloud.google.com/compute/vm-instance-pricing',
    repository: 'Cyclenerd/google-cloud-pricing-cost-calculator',
    path: 'pricing.yml',
    commit: 'fd66b26ff84fee5cdd94f341ea89206e76c06b99',
    method:
      'Cloud Billing Catalog API SKUs summed per machine type: on-demand = hour, spot = hour_spot, ' +
      'committed use 1y/3y = month_1y/month_3y ÷ 730 rounded to 6 decimals',
  }),
};

const AWS = DATASETS.aws;
const AZURE = DATASETS.azure;
const GCP = DATASETS.gcp;

export const PROVIDER_EFFECTIVE_DATES: Readonly<Record<PublicProvider, string>> = {
  aws: AWS.effectiveDate,
  azure: AZURE.effectiveDate,
  gcp: GCP.effectiveDate,
};

/** The oldest date any dataset states: no public price in this snapshot is older. Each offering carries its own. */
export const SNAPSHOT_EFFECTIVE_DATE = [AWS, AZURE, GCP].map((d) => d.effectiveDate).sort()[0]!;
export const SNAPSHOT_ID = `public-list-aws-${AWS.effectiveDate}-azure-${AZURE.effectiveDate}-gcp-${GCP.effectiveDate}`;

const AWS_TYPE_MISSING = `the AWS dataset (${AWS.repository}@${AWS.commit.slice(0, 7)}) lists no on-demand price for this type in this region`;
const AWS_SPOT_MISSING =
  'no dated dataset of current EC2 spot prices was found; EC2 spot prices move per availability zone and the only sample seen ' +
  '(LeanerCloud/ec2-instances-info generated_instances_data.txt, us-east-1, last updated 2023-08-30) is too old to stand for one';
const AWS_RESERVED_MISSING =
  'the AWS dataset read holds on-demand prices only; the only Reserved Instance figures seen (LeanerCloud/ec2-instances-info, ' +
  'us-east-1, standard 1y all-upfront, last updated 2023-08-30) predate this snapshot by three years and hold no 3y term';
const AZURE_TYPE_MISSING = `the Azure dataset (${AZURE.repository}@${AZURE.commit.slice(0, 7)}) lists no pay-as-you-go price for this type in this region`;
const AZURE_SPOT_MISSING = `the Azure dataset keeps pay-as-you-go prices only (it drops Spot and Low Priority meters); no dated Azure spot dataset was found`;
const AZURE_RESERVED_MISSING = `the Azure dataset keeps priceType Consumption only; no dated dataset of Azure reservation prices was found`;
const GCP_TYPE_MISSING = `the GCP dataset (${GCP.repository}@${GCP.commit.slice(0, 7)}) lists no price for this type in this region`;
const GCP_COMMITMENT_MISSING = `the GCP dataset lists no committed use price for this type in this region`;

const column = (hourly: Record<string, number>, missing: string): SnapshotPriceColumn => ({ hourly, missing });
const none = (missing: string): SnapshotPriceColumn => ({ hourly: {}, missing });

const awsRegionNotInDataset = (region: string): SnapshotRegionPrices => {
  const missing = `the AWS dataset read is generated for us-east-1 only; no dated AWS price dataset for ${region} was found`;
  return {
    provider: 'aws',
    region,
    effective_date: AWS.effectiveDate,
    source: AWS.source,
    on_demand: none(missing),
    spot: none(missing),
    reserved_1y: none(missing),
    reserved_3y: none(missing),
  };
};

export const PUBLIC_INSTANCE_TYPES: Record<PublicProvider, SnapshotInstanceType[]> = {
  aws: [
    { name: 't3.medium', family: 't3', vcpu: 2, memory_gib: 4, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'm5.large', family: 'm5', vcpu: 2, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'm5.xlarge', family: 'm5', vcpu: 4, memory_gib: 16, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'm5.2xlarge', family: 'm5', vcpu: 8, memory_gib: 32, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'm6i.large', family: 'm6i', vcpu: 2, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'c5.large', family: 'c5', vcpu: 2, memory_gib: 4, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'c5.xlarge', family: 'c5', vcpu: 4, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'r5.large', family: 'r5', vcpu: 2, memory_gib: 16, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'r5.xlarge', family: 'r5', vcpu: 4, memory_gib: 32, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'g4dn.xlarge', family: 'g4dn', vcpu: 4, memory_gib: 16, gpu_count: 1, gpu_model: 'NVIDIA T4', arch: 'x86_64' },
    { name: 'm6g.large', family: 'm6g', vcpu: 2, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'arm64' },
    { name: 'm7g.large', family: 'm7g', vcpu: 2, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'arm64' },
    { name: 't4g.medium', family: 't4g', vcpu: 2, memory_gib: 4, gpu_count: 0, gpu_model: null, arch: 'arm64' },
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
    { name: 'Standard_D4ps_v5', family: 'Dpsv5', vcpu: 4, memory_gib: 16, gpu_count: 0, gpu_model: null, arch: 'arm64' },
  ],
  gcp: [
    { name: 'e2-standard-2', family: 'e2', vcpu: 2, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'e2-standard-4', family: 'e2', vcpu: 4, memory_gib: 16, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'n2-standard-2', family: 'n2', vcpu: 2, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'n2-standard-4', family: 'n2', vcpu: 4, memory_gib: 16, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'n2-standard-8', family: 'n2', vcpu: 8, memory_gib: 32, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'n2-highmem-2', family: 'n2', vcpu: 2, memory_gib: 16, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'n2-highcpu-2', family: 'n2', vcpu: 2, memory_gib: 2, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'n2d-standard-2', family: 'n2d', vcpu: 2, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'c2-standard-4', family: 'c2', vcpu: 4, memory_gib: 16, gpu_count: 0, gpu_model: null, arch: 'x86_64' },
    { name: 'a2-highgpu-1g', family: 'a2', vcpu: 12, memory_gib: 85, gpu_count: 1, gpu_model: 'NVIDIA A100 40GB', arch: 'x86_64' },
    { name: 't2a-standard-2', family: 't2a', vcpu: 2, memory_gib: 8, gpu_count: 0, gpu_model: null, arch: 'arm64' },
  ],
};

/** Numbers as the datasets state them (see `DATASETS`); a type absent from a column has no price there. */
export const PUBLIC_PRICES: SnapshotRegionPrices[] = [
  {
    provider: 'aws',
    region: 'us-east-1',
    effective_date: AWS.effectiveDate,
    source: AWS.source,
    on_demand: column({
      't3.medium': 0.0416, 'm5.large': 0.096, 'm5.xlarge': 0.192, 'm5.2xlarge': 0.384, 'c5.large': 0.085, 'c5.xlarge': 0.17,
      'r5.large': 0.126, 'r5.xlarge': 0.252, 'g4dn.xlarge': 0.526, 'm6g.large': 0.077, 'm6i.large': 0.096, 't4g.medium': 0.0336,
      'm7g.large': 0.0816,
    }, AWS_TYPE_MISSING),
    spot: none(AWS_SPOT_MISSING),
    reserved_1y: none(AWS_RESERVED_MISSING),
    reserved_3y: none(AWS_RESERVED_MISSING),
  },
  awsRegionNotInDataset('eu-west-1'),
  awsRegionNotInDataset('ap-southeast-1'),
  {
    provider: 'azure',
    region: 'eastus',
    effective_date: AZURE.effectiveDate,
    source: AZURE.source,
    on_demand: column({
      Standard_B2s: 0.0416, Standard_D2s_v5: 0.096, Standard_D4s_v5: 0.192, Standard_D8s_v5: 0.384, Standard_E2s_v5: 0.126,
      Standard_E4s_v5: 0.252, Standard_F2s_v2: 0.0846, Standard_F4s_v2: 0.169, Standard_NC4as_T4_v3: 0.526, Standard_D2ps_v5: 0.077,
      Standard_D4ps_v5: 0.154,
    }, AZURE_TYPE_MISSING),
    spot: none(AZURE_SPOT_MISSING),
    reserved_1y: none(AZURE_RESERVED_MISSING),
    reserved_3y: none(AZURE_RESERVED_MISSING),
  },
  {
    provider: 'azure',
    region: 'westeurope',
    effective_date: AZURE.effectiveDate,
    source: AZURE.source,
    on_demand: column({
      Standard_B2s: 0.048, Standard_D2s_v5: 0.115, Standard_D4s_v5: 0.23, Standard_D8s_v5: 0.46, Standard_E2s_v5: 0.152,
      Standard_E4s_v5: 0.304, Standard_F2s_v2: 0.097, Standard_F4s_v2: 0.194, Standard_NC4as_T4_v3: 0.658, Standard_D2ps_v5: 0.092,
      Standard_D4ps_v5: 0.184,
    }, AZURE_TYPE_MISSING),
    spot: none(AZURE_SPOT_MISSING),
    reserved_1y: none(AZURE_RESERVED_MISSING),
    reserved_3y: none(AZURE_RESERVED_MISSING),
  },
  {
    provider: 'azure',
    region: 'southeastasia',
    effective_date: AZURE.effectiveDate,
    source: AZURE.source,
    on_demand: column({
      Standard_B2s: 0.0528, Standard_D2s_v5: 0.12, Standard_D4s_v5: 0.24, Standard_D8s_v5: 0.48, Standard_E2s_v5: 0.152,
      Standard_E4s_v5: 0.304, Standard_F2s_v2: 0.098, Standard_F4s_v2: 0.196, Standard_NC4as_T4_v3: 0.736, Standard_D2ps_v5: 0.096,
      Standard_D4ps_v5: 0.192,
    }, AZURE_TYPE_MISSING),
    spot: none(AZURE_SPOT_MISSING),
    reserved_1y: none(AZURE_RESERVED_MISSING),
    reserved_3y: none(AZURE_RESERVED_MISSING),
  },
  {
    provider: 'azure',
    region: 'northeurope',
    effective_date: AZURE.effectiveDate,
    source: AZURE.source,
    on_demand: column({
      Standard_B2s: 0.045, Standard_D2s_v5: 0.107, Standard_D4s_v5: 0.214, Standard_D8s_v5: 0.428, Standard_E2s_v5: 0.141,
      Standard_E4s_v5: 0.282, Standard_F2s_v2: 0.096, Standard_F4s_v2: 0.192, Standard_NC4as_T4_v3: 0.587, Standard_D2ps_v5: 0.086,
      Standard_D4ps_v5: 0.172,
    }, AZURE_TYPE_MISSING),
    spot: none(AZURE_SPOT_MISSING),
    reserved_1y: none(AZURE_RESERVED_MISSING),
    reserved_3y: none(AZURE_RESERVED_MISSING),
  },
  {
    provider: 'azure',
    region: 'westus2',
    effective_date: AZURE.effectiveDate,
    source: AZURE.source,
    on_demand: column({
      Standard_B2s: 0.0416, Standard_D2s_v5: 0.096, Standard_D4s_v5: 0.192, Standard_D8s_v5: 0.384, Standard_E2s_v5: 0.126,
      Standard_E4s_v5: 0.252, Standard_F2s_v2: 0.0846, Standard_F4s_v2: 0.169, Standard_NC4as_T4_v3: 0.526, Standard_D2ps_v5: 0.077,
      Standard_D4ps_v5: 0.154,
    }, AZURE_TYPE_MISSING),
    spot: none(AZURE_SPOT_MISSING),
    reserved_1y: none(AZURE_RESERVED_MISSING),
    reserved_3y: none(AZURE_RESERVED_MISSING),
  },
  {
    provider: 'gcp',
    region: 'us-central1',
    effective_date: GCP.effectiveDate,
    source: GCP.source,
    on_demand: column({
      'e2-standard-2': 0.06701142, 'e2-standard-4': 0.13402284, 'n2-standard-2': 0.097118, 'n2-standard-4': 0.194236,
      'n2-standard-8': 0.388472, 'n2-highmem-2': 0.131014, 'n2-highcpu-2': 0.071696, 'c2-standard-4': 0.208808, 'a2-highgpu-1g': 3.673385,
      'n2d-standard-2': 0.084492, 't2a-standard-2': 0.077,
    }, GCP_TYPE_MISSING),
    spot: column({
      'e2-standard-2': 0.040212, 'e2-standard-4': 0.080424, 'n2-standard-2': 0.04606, 'n2-standard-4': 0.09212, 'n2-standard-8': 0.18424,
      'n2-highmem-2': 0.06214, 'n2-highcpu-2': 0.034, 'c2-standard-4': 0.09968, 'a2-highgpu-1g': 1.92802, 'n2d-standard-2': 0.024456,
      't2a-standard-2': 0.032784,
    }, GCP_TYPE_MISSING),
    reserved_1y: column({
      'e2-standard-2': 0.042217, 'e2-standard-4': 0.084434, 'n2-standard-2': 0.061182, 'n2-standard-4': 0.122364, 'n2-standard-8': 0.244728,
      'n2-highmem-2': 0.082534, 'n2-highcpu-2': 0.045168, 'c2-standard-4': 0.13154, 'a2-highgpu-1g': 2.314207, 'n2d-standard-2': 0.053228,
    }, GCP_COMMITMENT_MISSING),
    reserved_3y: column({
      'e2-standard-2': 0.030155, 'e2-standard-4': 0.06031, 'n2-standard-2': 0.043706, 'n2-standard-4': 0.087412, 'n2-standard-8': 0.174824,
      'n2-highmem-2': 0.058962, 'n2-highcpu-2': 0.032264, 'c2-standard-4': 0.083524, 'a2-highgpu-1g': 1.285708, 'n2d-standard-2': 0.038024,
    }, GCP_COMMITMENT_MISSING),
  },
  {
    provider: 'gcp',
    region: 'europe-west1',
    effective_date: GCP.effectiveDate,
    source: GCP.source,
    on_demand: column({
      'e2-standard-2': 0.07371546, 'e2-standard-4': 0.14743092, 'n2-standard-2': 0.106834, 'n2-standard-4': 0.213668,
      'n2-standard-8': 0.427336, 'n2-highmem-2': 0.144122, 'n2-highcpu-2': 0.078868, 'c2-standard-4': 0.2297, 'a2-highgpu-1g': 3.747369,
      'n2d-standard-2': 0.092946,
    }, GCP_TYPE_MISSING),
    spot: column({
      'e2-standard-2': 0.035704, 'e2-standard-4': 0.071408, 'n2-standard-2': 0.023444, 'n2-standard-4': 0.046888, 'n2-standard-8': 0.093776,
      'n2-highmem-2': 0.031628, 'n2-highcpu-2': 0.017306, 'c2-standard-4': 0.118904, 'a2-highgpu-1g': 0.9227, 'n2d-standard-2': 0.04034,
    }, GCP_TYPE_MISSING),
    reserved_1y: column({
      'e2-standard-2': 0.046441, 'e2-standard-4': 0.092881, 'n2-standard-2': 0.067302, 'n2-standard-4': 0.134604, 'n2-standard-8': 0.269208,
      'n2-highmem-2': 0.09079, 'n2-highcpu-2': 0.049686, 'c2-standard-4': 0.144696, 'a2-highgpu-1g': 2.360816, 'n2d-standard-2': 0.05855,
    }, GCP_COMMITMENT_MISSING),
    reserved_3y: column({
      'e2-standard-2': 0.033172, 'e2-standard-4': 0.066344, 'n2-standard-2': 0.048072, 'n2-standard-4': 0.096144, 'n2-standard-8': 0.192288,
      'n2-highmem-2': 0.064848, 'n2-highcpu-2': 0.03549, 'c2-standard-4': 0.091872, 'a2-highgpu-1g': 1.311603, 'n2d-standard-2': 0.04182,
    }, GCP_COMMITMENT_MISSING),
  },
  {
    provider: 'gcp',
    region: 'asia-southeast1',
    effective_date: GCP.effectiveDate,
    source: GCP.source,
    on_demand: column({
      'e2-standard-2': 0.08266614, 'e2-standard-4': 0.16533228, 'n2-standard-2': 0.119806, 'n2-standard-4': 0.239612,
      'n2-standard-8': 0.479224, 'n2-highmem-2': 0.161614, 'n2-highcpu-2': 0.08845, 'c2-standard-4': 0.257584, 'a2-highgpu-1g': 4.013757926,
      'n2d-standard-2': 0.104234, 't2a-standard-2': 0.09496,
    }, GCP_TYPE_MISSING),
    spot: column({
      'e2-standard-2': 0.043164, 'e2-standard-4': 0.086328, 'n2-standard-2': 0.04666, 'n2-standard-4': 0.09332, 'n2-standard-8': 0.18664,
      'n2-highmem-2': 0.06294, 'n2-highcpu-2': 0.03445, 'c2-standard-4': 0.133808, 'a2-highgpu-1g': 2.40826, 'n2d-standard-2': 0.021384,
      't2a-standard-2': 0.026952,
    }, GCP_TYPE_MISSING),
    reserved_1y: column({
      'e2-standard-2': 0.05208, 'e2-standard-4': 0.104159, 'n2-standard-2': 0.07547, 'n2-standard-4': 0.15094, 'n2-standard-8': 0.30188,
      'n2-highmem-2': 0.101806, 'n2-highcpu-2': 0.055718, 'c2-standard-4': 0.162264, 'a2-highgpu-1g': 2.507032, 'n2d-standard-2': 0.065658,
    }, GCP_COMMITMENT_MISSING),
    reserved_3y: column({
      'e2-standard-2': 0.0372, 'e2-standard-4': 0.0744, 'n2-standard-2': 0.053912, 'n2-standard-4': 0.107824, 'n2-standard-8': 0.215648,
      'n2-highmem-2': 0.072728, 'n2-highcpu-2': 0.0398, 'c2-standard-4': 0.103032, 'a2-highgpu-1g': 1.410352, 'n2d-standard-2': 0.046902,
    }, GCP_COMMITMENT_MISSING),
  },
  {
    provider: 'gcp',
    region: 'europe-west4',
    effective_date: GCP.effectiveDate,
    source: GCP.source,
    on_demand: column({
      'e2-standard-2': 0.07377204, 'e2-standard-4': 0.14754408, 'n2-standard-2': 0.106916, 'n2-standard-4': 0.213832,
      'n2-standard-8': 0.427664, 'n2-highmem-2': 0.144228, 'n2-highcpu-2': 0.078932, 'c2-standard-4': 0.229872, 'a2-highgpu-1g': 3.747972,
      'n2d-standard-2': 0.09302, 't2a-standard-2': 0.08088818,
    }, GCP_TYPE_MISSING),
    spot: column({
      'e2-standard-2': 0.035264, 'e2-standard-4': 0.070528, 'n2-standard-2': 0.038868, 'n2-standard-4': 0.077736, 'n2-standard-8': 0.155472,
      'n2-highmem-2': 0.052436, 'n2-highcpu-2': 0.028692, 'c2-standard-4': 0.105072, 'a2-highgpu-1g': 1.692835, 'n2d-standard-2': 0.03256,
      't2a-standard-2': 0.048296,
    }, GCP_TYPE_MISSING),
    reserved_1y: column({
      'e2-standard-2': 0.046476, 'e2-standard-4': 0.092953, 'n2-standard-2': 0.067354, 'n2-standard-4': 0.134708, 'n2-standard-8': 0.269416,
      'n2-highmem-2': 0.090858, 'n2-highcpu-2': 0.049726, 'c2-standard-4': 0.144804, 'a2-highgpu-1g': 2.361196, 'n2d-standard-2': 0.058598,
    }, GCP_COMMITMENT_MISSING),
    reserved_3y: column({
      'e2-standard-2': 0.033197, 'e2-standard-4': 0.066395, 'n2-standard-2': 0.048114, 'n2-standard-4': 0.096228, 'n2-standard-8': 0.192456,
      'n2-highmem-2': 0.064906, 'n2-highcpu-2': 0.03552, 'c2-standard-4': 0.091956, 'a2-highgpu-1g': 1.311818, 'n2d-standard-2': 0.041858,
    }, GCP_COMMITMENT_MISSING),
  },
  {
    provider: 'gcp',
    region: 'us-east1',
    effective_date: GCP.effectiveDate,
    source: GCP.source,
    on_demand: column({
      'e2-standard-2': 0.06701142, 'e2-standard-4': 0.13402284, 'n2-standard-2': 0.097118, 'n2-standard-4': 0.194236,
      'n2-standard-8': 0.388472, 'n2-highmem-2': 0.131014, 'n2-highcpu-2': 0.071696, 'c2-standard-4': 0.208808, 'a2-highgpu-1g': 3.673385,
      'n2d-standard-2': 0.084492, 't2a-standard-2': 0.077,
    }, GCP_TYPE_MISSING),
    spot: column({
      'e2-standard-2': 0.040212, 'e2-standard-4': 0.080424, 'n2-standard-2': 0.04606, 'n2-standard-4': 0.09212, 'n2-standard-8': 0.18424,
      'n2-highmem-2': 0.06214, 'n2-highcpu-2': 0.034, 'c2-standard-4': 0.09968, 'a2-highgpu-1g': 1.92802, 'n2d-standard-2': 0.024456,
      't2a-standard-2': 0.032784,
    }, GCP_TYPE_MISSING),
    reserved_1y: column({
      'e2-standard-2': 0.042217, 'e2-standard-4': 0.084434, 'n2-standard-2': 0.061182, 'n2-standard-4': 0.122364, 'n2-standard-8': 0.244728,
      'n2-highmem-2': 0.082534, 'n2-highcpu-2': 0.045168, 'c2-standard-4': 0.13154, 'a2-highgpu-1g': 2.314207, 'n2d-standard-2': 0.053228,
    }, GCP_COMMITMENT_MISSING),
    reserved_3y: column({
      'e2-standard-2': 0.030155, 'e2-standard-4': 0.06031, 'n2-standard-2': 0.043706, 'n2-standard-4': 0.087412, 'n2-standard-8': 0.174824,
      'n2-highmem-2': 0.058962, 'n2-highcpu-2': 0.032264, 'c2-standard-4': 0.083524, 'a2-highgpu-1g': 1.285708, 'n2d-standard-2': 0.038024,
    }, GCP_COMMITMENT_MISSING),
  },
];

export interface SnapshotEgress {
  provider: string;
  region: string;
  per_gb: number | null;
  unknown_reason: string | null;
  free_confirmed?: boolean;
  free_gb_per_month: number;
  effective_date: string;
  source: string;
  note: string;
}

const GCP_EGRESS_SOURCE =
  `https://cloud.google.com/vpc/network-pricing — Premium Tier internet egress, tier 0-1 TiB/month (compute.network.traffic.egress.internet.cost.0-1); ` +
  `dataset github.com/${GCP.repository}/blob/${GCP.commit}/${GCP.path} (generated ${GCP.generatedAt})`;
/** AWS and Azure egress: no dated dataset was found, so these keep the earlier snapshot's figures and say so. */
const CARRIED_OVER = '2024-06-01';
const AWS_EGRESS =
  'https://aws.amazon.com/ec2/pricing/on-demand/ (Data Transfer OUT from Amazon EC2 to Internet) — figure carried over from the earlier ' +
  'hand-typed snapshot dated 2024-06-01; not checked against a dataset';
const AZURE_EGRESS =
  'https://azure.microsoft.com/en-us/pricing/details/bandwidth/ (Internet egress, Microsoft premium global network) — figure carried over ' +
  'from the earlier hand-typed snapshot dated 2024-06-01; not checked against a dataset';
const AZURE_EGRESS_MISSING = 'no dated dataset of Azure bandwidth prices was found, and the earlier snapshot had no figure for this region';
const AZURE_EGRESS_UNKNOWN_SOURCE = 'https://azure.microsoft.com/en-us/pricing/details/bandwidth/ — no dated dataset read';

const gcpEgress = (region: string): SnapshotEgress => ({
  provider: 'gcp',
  region,
  per_gb: 0.12,
  unknown_reason: null,
  free_gb_per_month: 0,
  effective_date: GCP.effectiveDate,
  source: GCP_EGRESS_SOURCE,
  note: 'first TiB/month to worldwide destinations (China and Australia are priced separately); the free tier is not counted',
});

/** Internet egress out of each region, first paid tier: what moving a VM's disk out of that region costs per GB. */
export const PUBLIC_EGRESS: SnapshotEgress[] = [
  { provider: 'aws', region: 'us-east-1', per_gb: 0.09, unknown_reason: null, free_gb_per_month: 100, effective_date: CARRIED_OVER, source: AWS_EGRESS, note: 'first 10 TB/month after 100 GB free' },
  { provider: 'aws', region: 'eu-west-1', per_gb: 0.09, unknown_reason: null, free_gb_per_month: 100, effective_date: CARRIED_OVER, source: AWS_EGRESS, note: 'first 10 TB/month after 100 GB free' },
  { provider: 'aws', region: 'ap-southeast-1', per_gb: 0.12, unknown_reason: null, free_gb_per_month: 100, effective_date: CARRIED_OVER, source: AWS_EGRESS, note: 'first 10 TB/month after 100 GB free' },
  { provider: 'azure', region: 'eastus', per_gb: 0.087, unknown_reason: null, free_gb_per_month: 100, effective_date: CARRIED_OVER, source: AZURE_EGRESS, note: 'North America zone, first 10 TB/month after 100 GB free' },
  { provider: 'azure', region: 'westeurope', per_gb: 0.087, unknown_reason: null, free_gb_per_month: 100, effective_date: CARRIED_OVER, source: AZURE_EGRESS, note: 'Europe zone, first 10 TB/month after 100 GB free' },
  { provider: 'azure', region: 'southeastasia', per_gb: 0.12, unknown_reason: null, free_gb_per_month: 100, effective_date: CARRIED_OVER, source: AZURE_EGRESS, note: 'Asia zone, first 10 TB/month after 100 GB free' },
  { provider: 'azure', region: 'northeurope', per_gb: null, unknown_reason: AZURE_EGRESS_MISSING, free_gb_per_month: 0, effective_date: AZURE.effectiveDate, source: AZURE_EGRESS_UNKNOWN_SOURCE, note: '' },
  { provider: 'azure', region: 'westus2', per_gb: null, unknown_reason: AZURE_EGRESS_MISSING, free_gb_per_month: 0, effective_date: AZURE.effectiveDate, source: AZURE_EGRESS_UNKNOWN_SOURCE, note: '' },
  gcpEgress('us-central1'),
  gcpEgress('europe-west1'),
  gcpEgress('asia-southeast1'),
  gcpEgress('europe-west4'),
  gcpEgress('us-east1'),
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
