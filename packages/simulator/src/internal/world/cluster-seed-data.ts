/** A federated cluster the simulator starts with. Figures are illustrative; tiers follow upstream's rules. */
export interface ClusterSeed {
  id: string;
  name: string;
  provider: 'aws' | 'azure' | 'gcp' | 'openstack' | 'vmware';
  region: string;
  zone: string;
  /** Where the data lives, for residency rules. */
  dataResidency: 'US' | 'EU' | 'SG';
  /** ISO 3166 country of the region. */
  country: string;
  certifications: string[];
  interconnectLatencyMs: number;
  interconnectBandwidthMbps: number;
  nodeCount: number;
  nodeCpu: number;
  nodeMemoryGib: number;
  nodeDiskGb: number;
  nodeGpus: number;
  gpuModel: string | null;
  architectures: Array<'x86_64' | 'arm64'>;
  /** Share of capacity taken by workloads the simulator does not model as VMs. */
  baseUtilisation: number;
  /** Hypervisor nodes of the simulator's fleet (`/api/v1/nodes`) that belong to this cluster. */
  fleetNodeIds: string[];
  liveMigration: boolean;
}

const PUBLIC_CERTS = ['iso27001', 'soc2', 'pci-dss', 'hipaa'];
const EU_PUBLIC_CERTS = [...PUBLIC_CERTS, 'gdpr'];

export const DEFAULT_CLUSTERS: readonly ClusterSeed[] = [
  seed('aws-us-east-1', 'AWS N. Virginia', 'aws', 'us-east-1', 'US', 'US', PUBLIC_CERTS, 1.5, 10_000, 6, 96, 384, 8_192, 2, 'NVIDIA T4', ['x86_64', 'arm64'], 0.35, ['node-aws-use1']),
  seed('aws-eu-west-1', 'AWS Ireland', 'aws', 'eu-west-1', 'EU', 'IE', EU_PUBLIC_CERTS, 6, 2_500, 4, 96, 384, 8_192, 2, 'NVIDIA T4', ['x86_64', 'arm64'], 0.4, []),
  seed('aws-ap-southeast-1', 'AWS Singapore', 'aws', 'ap-southeast-1', 'SG', 'SG', PUBLIC_CERTS, 18, 800, 3, 64, 256, 4_096, 0, null, ['x86_64'], 0.5, []),
  seed('azure-eastus', 'Azure East US', 'azure', 'eastus', 'US', 'US', PUBLIC_CERTS, 2, 6_000, 5, 64, 256, 4_096, 2, 'NVIDIA T4', ['x86_64', 'arm64'], 0.3, []),
  seed('azure-westeurope', 'Azure West Europe', 'azure', 'westeurope', 'EU', 'NL', EU_PUBLIC_CERTS, 8, 1_500, 4, 64, 256, 4_096, 0, null, ['x86_64'], 0.45, ['node-azure-weu']),
  seed('azure-southeastasia', 'Azure Southeast Asia', 'azure', 'southeastasia', 'SG', 'SG', PUBLIC_CERTS, 25, 400, 3, 48, 192, 4_096, 0, null, ['x86_64'], 0.5, []),
  seed('gcp-us-central1', 'GCP Iowa', 'gcp', 'us-central1', 'US', 'US', PUBLIC_CERTS, 1.8, 8_000, 5, 48, 192, 4_096, 4, 'NVIDIA A100 40GB', ['x86_64'], 0.3, ['node-gcp-usc1']),
  seed('gcp-europe-west1', 'GCP Belgium', 'gcp', 'europe-west1', 'EU', 'BE', EU_PUBLIC_CERTS, 9, 1_200, 3, 48, 192, 4_096, 0, null, ['x86_64'], 0.4, []),
  seed('gcp-asia-southeast1', 'GCP Singapore', 'gcp', 'asia-southeast1', 'SG', 'SG', PUBLIC_CERTS, 40, 200, 2, 48, 192, 4_096, 0, null, ['x86_64'], 0.6, []),
  seed('openstack-dc-1', 'OpenStack DC-1', 'openstack', 'dc-1', 'US', 'US', ['iso27001'], 1, 10_000, 4, 64, 256, 4_096, 0, null, ['x86_64'], 0.2, ['node-kvm-01', 'node-kvm-02']),
  seed('openstack-fra-1', 'OpenStack Frankfurt', 'openstack', 'fra-1', 'EU', 'DE', ['iso27001', 'gdpr'], 12, 900, 3, 64, 256, 4_096, 0, null, ['x86_64'], 0.3, []),
  seed('vmware-vsphere-east', 'vSphere East', 'vmware', 'vsphere-east', 'US', 'US', ['soc2', 'hipaa'], 3, 4_000, 4, 64, 512, 8_192, 2, 'NVIDIA T4', ['x86_64'], 0.4, []),
  seed('vmware-vsphere-muc', 'vSphere Munich', 'vmware', 'vsphere-muc', 'EU', 'DE', ['iso27001', 'gdpr', 'c5'], 95, 40, 2, 32, 256, 4_096, 0, null, ['x86_64'], 0.5, []),
];

function seed(
  id: string,
  name: string,
  provider: ClusterSeed['provider'],
  region: string,
  dataResidency: ClusterSeed['dataResidency'],
  country: string,
  certifications: string[],
  interconnectLatencyMs: number,
  interconnectBandwidthMbps: number,
  nodeCount: number,
  nodeCpu: number,
  nodeMemoryGib: number,
  nodeDiskGb: number,
  nodeGpus: number,
  gpuModel: string | null,
  architectures: ClusterSeed['architectures'],
  baseUtilisation: number,
  fleetNodeIds: string[],
): ClusterSeed {
  return {
    id,
    name,
    provider,
    region,
    zone: `${region}-a`,
    dataResidency,
    country,
    certifications,
    interconnectLatencyMs,
    interconnectBandwidthMbps,
    nodeCount,
    nodeCpu,
    nodeMemoryGib,
    nodeDiskGb,
    nodeGpus,
    gpuModel,
    architectures,
    baseUtilisation,
    fleetNodeIds,
    liveMigration: provider === 'vmware' || provider === 'openstack',
  };
}
