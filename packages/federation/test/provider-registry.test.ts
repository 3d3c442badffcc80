import { ValidationError } from '@novacron/core';
import { ComplianceViolationError, normalizeRateCard, ProviderRegistry, createFederationClient, type ProviderPlugin } from '../src';
import { federationSession } from './support/federation-session';

const ORACLE: ProviderPlugin = {
  id: 'oracle',
  name: 'Oracle Cloud Infrastructure',
  kind: 'public_cloud',
  regions: [{ id: 'eu-frankfurt-1', country: 'DE', dataResidency: 'EU', certifications: ['iso27001', 'gdpr'] }],
  // Illustrative figures for the test, in the operator-card form any provider can use.
  rateCard: {
    provider: 'oracle',
    regions: ['eu-frankfurt-1'],
    currency: 'EUR',
    usdPerUnit: 1.1,
    effectiveDate: '2026-11-01',
    source: 'test fixture: flexible-shape rate card',
    rates: [
      { resource: 'vcpu', price: 18.25, unit: 'vcpu-month' },
      { resource: 'memory', price: 1.0, unit: 'gb-month' },
      { resource: 'egress', price: 0.0085, unit: 'gb' },
    ],
    flavors: [{ name: 'VM.Standard.E4.Flex-2-8', vcpu: 2, memoryGib: 8 }],
  },
  rules: [{ name: 'oracle-eu-only', match: { tags: { tier: 'oracle' } }, require: { dataResidency: ['EU'] } }],
};

const session = federationSession({ client: { providers: new ProviderRegistry().register(ORACLE) } });

describe('providers are plugins', () => {
  it('a registered Oracle provider joins the catalog, comparisons and compliance rules without touching the package', async () => {
    const { federation } = session;
    expect(federation.providers.ids()).toContain('oracle');
    const catalog = await federation.catalog.get();
    expect(catalog.providers()).toContain('oracle');
    const match = catalog.nearest({ vcpu: 2, memoryGib: 8 }, 'oracle', 'eu-frankfurt-1');
    // (2 × 18.25 / 730 + 8 GiB × 1.0 / 730 per GB-month × 1.073741824 GB per GiB) × 1.1 USD per EUR
    const hourly = (2 * (18.25 / 730) + 8 * ((1.0 / 730) * 1.073741824)) * 1.1;
    expect(match).toMatchObject({ found: true, offering: { instanceType: 'VM.Standard.E4.Flex-2-8', currency: 'USD', pricing: 'rate_card' } });
    expect((match as { hourly: number }).hourly).toBeCloseTo(hourly, 6);
    const rows = await federation.costs.compare({ vcpu: 2, memoryGib: 8, diskGb: 100 }, { from: { provider: 'oracle', region: 'eu-frankfurt-1' }, catalog });
    expect(rows.find((r) => r.provider === 'gcp' && r.region === 'us-central1')!.egressCost).toBe(Math.round(0.0085 * 1.1 * 100 * 100) / 100);
    // Its rule now applies everywhere: a VM tagged tier=oracle may only go to EU clusters.
    await expect(federation.compliance.checkPlacement({ vmId: 'vm-o', tags: { tier: 'oracle' } }, 'aws-us-east-1')).rejects.toMatchObject({ rule: 'oracle-eu-only:data_residency' });
    await expect(federation.compliance.checkPlacement({ vmId: 'vm-o', tags: { tier: 'oracle' } }, 'aws-eu-west-1')).resolves.toBeUndefined();
    // And the provider is known to input checks.
    const two = await federation.costs.compare({ vcpu: 2, memoryGib: 8 }, { providers: ['oracle', 'gcp'], catalog });
    expect(new Set(two.map((r) => r.provider))).toEqual(new Set(['oracle', 'gcp']));
    // Cheapest first: GCP's cheapest region (e2-standard-2) undercuts the Oracle card, which undercuts GCP's dearer regions.
    expect(two.map((r) => r.provider).filter((p, i, all) => all.indexOf(p) === i)).toEqual(['gcp', 'oracle']);
    expect(two.some((r) => r.provider === 'gcp' && r.monthly! > two.find((o) => o.provider === 'oracle')!.monthly!)).toBe(true);
    await expect(federation.costs.compare({ vcpu: 2, memoryGib: 8 }, { providers: ['ibm'], catalog })).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses a duplicate provider, a card naming another provider, and an unconfirmed zero', () => {
    const registry = new ProviderRegistry().register(ORACLE);
    expect(() => registry.register(ORACLE)).toThrow(/already registered/);
    expect(() => new ProviderRegistry().register({ ...ORACLE, id: 'aws' })).toThrow(ValidationError);
    expect(() => new ProviderRegistry().register({ ...ORACLE, id: 'ovh' })).toThrow(/names provider oracle/);
    expect(() => createFederationClient(session.core, { rules: [{ name: '', require: {} }] })).toThrow(ValidationError);
    expect(new ComplianceViolationError('r', 'why', 'c')).toBeInstanceOf(ValidationError);
  });
});

describe('operator rate cards', () => {
  const base = {
    provider: 'openstack',
    regions: ['dc-1'],
    currency: 'USD',
    effectiveDate: '2026-11-01',
    source: 'ops team rate card v3',
    flavors: [{ name: 'm1.large', vcpu: 4, memoryGib: 8 }],
  };

  it('normalises monthly, MiB and TB units to per hour, per GiB and per GB', () => {
    const card = normalizeRateCard({
      ...base,
      rates: [
        { resource: 'vcpu', price: 14.6, unit: 'vcpu-month' },
        { resource: 'memory', price: 0.002, unit: 'mib-hour' },
        { resource: 'egress', price: 10, unit: 'tb' },
      ],
    });
    expect(card).toMatchObject({ perVcpuHour: 0.02, perGibHour: 2.048, egressPerGb: 0.01, perGpuHour: null });
    expect(card.offerings[0]!.prices.onDemand).toEqual({ hourly: 4 * 0.02 + 8 * 2.048, free: false, reason: null });
  });

  it('a missing unit, an unknown unit, a missing memory rate, a foreign currency without a rate and an unconfirmed 0 are ValidationErrors', () => {
    const vcpu = { resource: 'vcpu', price: 0.02, unit: 'vcpu-hour' } as const;
    const memory = { resource: 'memory', price: 0.003, unit: 'gib-hour' } as const;
    expect(() => normalizeRateCard({ ...base, rates: [{ resource: 'vcpu', price: 0.02 } as never, memory] })).toThrow(/rates\.0\.unit: unit must be one of vcpu-hour, vcpu-month/);
    expect(() => normalizeRateCard({ ...base, rates: [vcpu, { resource: 'memory', price: 1, unit: 'gib-week' } as never] })).toThrow(ValidationError);
    expect(() => normalizeRateCard({ ...base, rates: [vcpu] })).toThrow(/exactly one memory rate/);
    expect(() => normalizeRateCard({ ...base, currency: 'EUR', rates: [vcpu, memory] })).toThrow(/usdPerUnit/);
    expect(() => normalizeRateCard({ ...base, rates: [vcpu, memory, { resource: 'egress', price: 0, unit: 'gb' }] })).toThrow(/free: true/);
    expect(normalizeRateCard({ ...base, rates: [vcpu, memory, { resource: 'egress', price: 0, unit: 'gb', free: true }] }).egress[0]!.perGb).toEqual({ hourly: 0, free: true, reason: null });
  });
});
