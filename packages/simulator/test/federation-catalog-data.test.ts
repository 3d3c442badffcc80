import {
  DATASETS,
  PROVIDER_EFFECTIVE_DATES,
  PUBLIC_EGRESS,
  PUBLIC_INSTANCE_TYPES,
  PUBLIC_PRICES,
  SNAPSHOT_EFFECTIVE_DATE,
  SNAPSHOT_ID,
  type PublicProvider,
} from '../src/internal/world/federation-catalog-data';
import { buildCatalog } from '../src/internal/world/federation-catalog';

const PROVIDERS: PublicProvider[] = ['aws', 'azure', 'gcp'];
const KINDS = ['on_demand', 'spot', 'reserved_1y', 'reserved_3y'] as const;
const isoDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

describe('the public price snapshot states where and when its prices come from', () => {
  it('each provider names the page, the dataset (repository, path, commit) and the date the dataset states', () => {
    for (const provider of PROVIDERS) {
      const d = DATASETS[provider];
      expect(d.provider).toBe(provider);
      expect(isoDate(d.effectiveDate)).toBe(true);
      expect(PROVIDER_EFFECTIVE_DATES[provider]).toBe(d.effectiveDate);
      // The stated timestamp and the effective date are the same day.
      expect(new Date(d.generatedAt.endsWith('Z') ? d.generatedAt : `${d.generatedAt} UTC`).toISOString().slice(0, 10)).toBe(d.effectiveDate);
      expect(d.page).toMatch(/^https:\/\//);
      expect(d.repository).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(d.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(d.source).toContain(d.page);
      expect(d.source).toContain(`github.com/${d.repository}/blob/${d.commit}/${d.path}`);
    }
  });

  it('the snapshot date is the oldest dataset date, and the snapshot id names every provider date', () => {
    expect(isoDate(SNAPSHOT_EFFECTIVE_DATE)).toBe(true);
    const dates = PROVIDERS.map((p) => DATASETS[p].effectiveDate);
    expect(dates.every((d) => d >= SNAPSHOT_EFFECTIVE_DATE)).toBe(true);
    expect(dates).toContain(SNAPSHOT_EFFECTIVE_DATE);
    for (const date of dates) expect(SNAPSHOT_ID).toContain(date);
  });

  it('every price row carries its provider dataset date and source, and prices only types the provider lists', () => {
    for (const row of PUBLIC_PRICES) {
      const d = DATASETS[row.provider];
      expect(row.effective_date).toBe(d.effectiveDate);
      expect(row.source).toBe(d.source);
      const types = new Set(PUBLIC_INSTANCE_TYPES[row.provider].map((t) => t.name));
      for (const kind of KINDS) {
        expect(row[kind].missing.length).toBeGreaterThan(20);
        for (const [type, hourly] of Object.entries(row[kind].hourly)) {
          expect(types.has(type)).toBe(true);
          expect(hourly).toBeGreaterThan(0);
        }
      }
    }
    // No duplicate region rows: one row per provider and region.
    const keys = PUBLIC_PRICES.map((r) => `${r.provider}/${r.region}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('discounted prices from one dataset sit below its on-demand price (spot, 1y and 3y commitments)', () => {
    let compared = 0;
    for (const row of PUBLIC_PRICES) {
      for (const [type, onDemand] of Object.entries(row.on_demand.hourly)) {
        const spot = row.spot.hourly[type];
        const oneYear = row.reserved_1y.hourly[type];
        const threeYears = row.reserved_3y.hourly[type];
        if (spot !== undefined) expect(spot).toBeLessThan(onDemand);
        if (oneYear !== undefined) expect(oneYear).toBeLessThan(onDemand);
        if (oneYear !== undefined && threeYears !== undefined) expect(threeYears).toBeLessThan(oneYear);
        if (spot !== undefined || oneYear !== undefined) compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('in the served catalog every public offering is dated, sourced, and either priced or says why not', () => {
    const catalog = buildCatalog();
    const publicOfferings = catalog.offerings.filter((o) => o.pricing === 'public_list');
    expect(publicOfferings.length).toBe(PUBLIC_PRICES.reduce((n, r) => n + PUBLIC_INSTANCE_TYPES[r.provider].length, 0));
    for (const o of publicOfferings) {
      expect(o.effective_date).toBe(PROVIDER_EFFECTIVE_DATES[o.provider as PublicProvider]);
      expect(o.source).toMatch(/github\.com\/[\w.-]+\/[\w.-]+\/blob\/[0-9a-f]{40}\//);
      for (const kind of KINDS) {
        const price = o.prices[kind];
        if (price.hourly === null) expect(price.unknown_reason).toEqual(expect.any(String));
        else expect(price).toEqual({ hourly: expect.any(Number), unknown_reason: null });
        expect(price.hourly).not.toBe(0);
      }
    }
    for (const e of catalog.egress.filter((x) => PROVIDERS.includes(x.provider as PublicProvider))) {
      expect(isoDate(e.effective_date)).toBe(true);
      expect(e.source).toMatch(/^https:\/\//);
      if (e.per_gb === null) expect(e.unknown_reason).toEqual(expect.any(String));
    }
  });

  it('egress figures read from a dataset say so, and the ones carried over say they were not checked', () => {
    for (const e of PUBLIC_EGRESS) {
      const d = DATASETS[e.provider as PublicProvider];
      if (e.effective_date === d.effectiveDate && e.per_gb !== null) expect(e.source).toContain(d.commit);
      else if (e.per_gb !== null) expect(e.source).toContain('not checked against a dataset');
    }
    expect(PUBLIC_EGRESS.filter((e) => e.provider === 'gcp' && e.source.includes(DATASETS.gcp.commit)).length).toBeGreaterThan(0);
  });
});
