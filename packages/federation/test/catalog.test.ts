import { Catalog, computeRoi, HOURS_PER_MONTH, UNCONFIRMED_ZERO, VCPU_TO_GIB_WEIGHT, type CatalogWire } from '../src';
import { federationSession } from './support/federation-session';

const session = federationSession();

const SRC = 'https://example.test/price-list';
const price = (hourly: number | null, extra: Record<string, unknown> = {}) => ({ hourly, unknown_reason: hourly === null ? 'not captured in this snapshot' : null, ...extra });
const offering = (provider: string, region: string, type: string, vcpu: number, memoryGib: number, onDemand: ReturnType<typeof price>, gpu = 0) => ({
  provider,
  region,
  instance_type: type,
  vcpu,
  memory_gib: memoryGib,
  gpu_count: gpu,
  arch: 'x86_64',
  currency: 'USD',
  prices: { on_demand: onDemand, spot: price(null) },
  effective_date: '2024-06-01',
  source: SRC,
});

/** A fixed catalog: the golden numbers below are computed by hand from it. */
const FIXED: CatalogWire = {
  snapshot_id: 'golden',
  effective_date: '2024-06-01',
  offerings: [
    offering('aws', 'us-east-1', 'm5.large', 2, 8, price(0.096)),
    offering('aws', 'us-east-1', 'm5.xlarge', 4, 16, price(0.192)),
    offering('aws', 'us-east-1', 'c5.large', 2, 4, price(0.085)),
    offering('aws', 'us-east-1', 'r5.large', 2, 16, price(0.126)),
    offering('aws', 'us-east-1', 't3.medium', 2, 4, price(0.0416)),
    offering('aws', 'eu-west-1', 'm5.large', 2, 8, price(0.107)),
    offering('gcp', 'us-central1', 'e2-standard-2', 2, 8, price(0.067006)),
    offering('gcp', 'us-central1', 'n2-standard-2', 2, 8, price(0.097118)),
    offering('azure', 'eastus', 'Standard_D2s_v5', 2, 8, price(0.096)),
    offering('azure', 'eastus', 'Standard_B2s', 2, 4, price(0.0416)),
    offering('azure', 'westeurope', 'Standard_D2s_v5', 2, 8, price(null)),
    offering('vmware', 'vsphere-east', 'vm.medium', 2, 8, price(0.064)),
    // A zero nobody confirmed as free: libcloud's sentinel for "unknown".
    offering('openstack', 'dc-1', 'm1.medium', 2, 8, price(0)),
  ],
  egress: [
    { provider: 'aws', region: 'us-east-1', currency: 'USD', per_gb: 0.09, effective_date: '2024-06-01', source: SRC },
    { provider: 'gcp', region: 'us-central1', currency: 'USD', per_gb: 0.12, effective_date: '2024-06-01', source: SRC },
    { provider: 'vmware', region: 'vsphere-east', currency: 'USD', per_gb: 0, free_confirmed: true, effective_date: '2024-06-01', source: SRC },
    { provider: 'openstack', region: 'dc-1', currency: 'USD', per_gb: 0, effective_date: '2024-06-01', source: SRC },
  ],
};

describe('golden costs on a fixed catalog', () => {
  const catalog = Catalog.fromWire(FIXED);

  it('prices 2 vCPU / 8 GiB on every provider and region, cheapest first, with egress out of us-east-1', () => {
    const rows = catalog.monthlyCosts({ vcpu: 2, memoryGib: 8, diskGb: 100 }, { from: { provider: 'aws', region: 'us-east-1' } });
    expect(rows.map((r) => [r.provider, r.region, r.instanceType, r.monthly, r.egressCost])).toEqual([
      ['vmware', 'vsphere-east', 'vm.medium', 46.72, 9],
      ['gcp', 'us-central1', 'e2-standard-2', 48.91, 9],
      ['aws', 'us-east-1', 'm5.large', 70.08, 0],
      ['azure', 'eastus', 'Standard_D2s_v5', 70.08, 9],
      ['aws', 'eu-west-1', 'm5.large', 78.11, 9],
      ['azure', 'westeurope', null, null, 9],
      ['openstack', 'dc-1', null, null, 9],
    ]);
    expect(rows.find((r) => r.region === 'westeurope')!.reason).toBe('Standard_D2s_v5 fits but its onDemand price is unknown: not captured in this snapshot');
    expect(rows.find((r) => r.provider === 'openstack')!.reason).toContain(UNCONFIRMED_ZERO);
  });

  it('has no price equal to 0 unless free is confirmed', () => {
    const zeros = catalog.offerings.flatMap((o) => Object.values(o.prices)).filter((p) => p.hourly === 0);
    expect(zeros.filter((p) => !p.free)).toHaveLength(0);
    expect(catalog.egress.filter((e) => e.perGb.hourly === 0).map((e) => [e.provider, e.perGb.free])).toEqual([['vmware', true]]);
    expect(catalog.egressCost('openstack', 'dc-1', 50)).toEqual({ cost: null, perGb: null, reason: UNCONFIRMED_ZERO });
  });

  it('normalises to $/vCPU-hour and $/GiB-hour with the documented weight', () => {
    const m5 = catalog.find('aws', 'us-east-1', 'm5.large')!;
    const rates = catalog.normalizedRates(m5)!;
    expect(VCPU_TO_GIB_WEIGHT).toBeCloseTo(7.4607, 4);
    expect(rates.perGibHour).toBeCloseTo(0.096 / (2 * VCPU_TO_GIB_WEIGHT + 8), 10);
    expect(rates.perVcpuHour * 2 + rates.perGibHour * 8).toBeCloseTo(0.096, 10);
    expect(catalog.normalizedRates(catalog.find('azure', 'westeurope', 'Standard_D2s_v5')!)).toBeNull();
  });

  it('finds the nearest equivalent by the least over-provisioning, then the price', () => {
    expect(catalog.nearest({ vcpu: 3, memoryGib: 10 }, 'aws', 'us-east-1')).toMatchObject({ found: true, offering: { instanceType: 'm5.xlarge' }, overProvisioning: 0.9333 });
    expect(catalog.equivalent({ provider: 'aws', region: 'us-east-1', instanceType: 'm5.large' }, { provider: 'gcp', region: 'us-central1' })).toMatchObject({
      found: true,
      offering: { instanceType: 'e2-standard-2' },
      monthly: 48.91,
    });
    expect(catalog.nearest({ vcpu: 2, memoryGib: 4 }, 'aws', 'us-east-1')).toMatchObject({ offering: { instanceType: 't3.medium' } });
    expect(catalog.nearest({ vcpu: 4, memoryGib: 16, gpuCount: 1 }, 'aws', 'us-east-1')).toEqual({
      found: false,
      provider: 'aws',
      region: 'us-east-1',
      reason: 'no instance type in aws/us-east-1 fits 4 vCPU, 16 GiB, 1 GPU (x86_64)',
    });
  });

  it('computes the ROI of moving from us-east-1 to GCP', () => {
    expect(computeRoi({ currentMonthly: 70.08, targetMonthly: 48.91, oneTimeCost: 9, horizonMonths: 12 })).toEqual({
      monthlySavings: 21.17,
      oneTimeCost: 9,
      paybackMonths: 0.43,
      roi: 27.2267,
      netOverHorizon: 245.04,
      horizonMonths: 12,
    });
    expect(computeRoi({ currentMonthly: 48.91, targetMonthly: 70.08, oneTimeCost: 9 }).paybackMonths).toBeNull();
    expect(() => computeRoi({ currentMonthly: -1, targetMonthly: 1, oneTimeCost: 0 })).toThrow(/currentMonthly/);
    expect(HOURS_PER_MONTH).toBe(730);
  });
});

describe('the simulator’s dated public price snapshot', () => {
  it('every price is dated and sourced, none is a fake 0, and the spec costs the same from the server and locally', async () => {
    const catalog = await session.federation.catalog.get();
    expect(catalog.providers().sort()).toEqual(['aws', 'azure', 'gcp', 'openstack', 'vmware']);
    const prices = catalog.offerings.flatMap((o) => Object.values(o.prices));
    expect(prices.filter((p) => p.hourly === 0 && !p.free)).toHaveLength(0);
    expect(prices.filter((p) => p.hourly === null && p.reason.length === 0)).toHaveLength(0);
    expect(catalog.offerings.every((o) => /^\d{4}-\d{2}-\d{2}$/.test(o.effectiveDate) && o.source.length > 0)).toBe(true);
    expect(catalog.ageInDays(new Date('2024-07-01T00:00:00Z'))).toBe(30);
    const m5 = await session.federation.catalog.prices({ provider: 'aws', region: 'us-east-1', instanceType: 'm5.large' });
    expect(m5[0]!.prices.onDemand).toEqual({ hourly: 0.096, free: false, reason: null });
    expect(m5[0]!.prices.spot.hourly).toBeNull();
  });
});
