import { NovaCronError, ValidationError } from '@novacron/core';
import { NoFeasibleNodeError, placeVm, type PlacementCandidate, type PlacementFilter, type PlacementRequest, type PlacementScorer, type PriceTable } from '../src/index';
import { seededRandom } from '../src/internal/seeded-random';

const node = (id: string, cpu: number, memoryMb: number, allocated: { cpu?: number; memoryMb?: number } = {}, extra: Partial<PlacementCandidate> = {}): PlacementCandidate => ({
  id,
  capacity: { cpu, memoryMb, diskGb: 1000 },
  allocated: { cpu: allocated.cpu ?? 0, memoryMb: allocated.memoryMb ?? 0, diskGb: 0 },
  ...extra,
});

describe('placeVm scoring', () => {
  const fleet = [node('a', 8, 16384, { cpu: 6, memoryMb: 12288 }), node('b', 8, 16384, { cpu: 2, memoryMb: 4096 }), node('c', 16, 16384, { cpu: 2, memoryMb: 8192 })];
  const vm: PlacementRequest = { cpu: 2, memoryMb: 4096 };

  it('spreads onto the least allocated node and reports the Kubernetes scores per node', () => {
    const result = placeVm(vm, fleet);
    // after placing: a 8/8 cpu, 16384/16384 mem → least 0, balanced 100
    //                b 4/8, 8192/16384 → least 50, balanced 100
    //                c 4/16, 12288/16384 → least (75 + 25)/2 = 50, balanced 100 − |0.25 − 0.75|/2·100 = 75
    expect(result.weights).toEqual({ 'least-allocated': 1, 'balanced-allocation': 1 });
    const byId = Object.fromEntries(result.scores.map((s) => [s.nodeId, s]));
    expect(byId.a!.byScorer['least-allocated']!.raw).toBe(0);
    expect(byId.b!.byScorer['least-allocated']!.raw).toBe(50);
    expect(byId.c!.byScorer['least-allocated']!.raw).toBe(50);
    expect(byId.c!.byScorer['balanced-allocation']!.raw).toBe(75);
    expect(byId.b!.total).toBe(150);
    expect(byId.c!.total).toBe(125);
    expect(byId.a!.total).toBe(100);
    expect(result.nodeId).toBe('b');
    expect(result.scores.map((s) => s.nodeId)).toEqual(['b', 'c', 'a']);
    expect(result.scores.map((s) => s.rank)).toEqual([1, 2, 3]);
    // lead 25 points over Σweights 2 → 12.5 points on the 0..100 scale; 12.5 / (12.5 + 5)
    expect(result.margin).toBe(12.5);
    expect(result.confidence).toBeCloseTo(12.5 / 17.5, 12);
  });

  it('packs onto the most allocated node that still fits', () => {
    const result = placeVm(vm, fleet, { strategy: 'pack' });
    // most: a 100, b 50, c 50; balanced a 100, b 100, c 75
    expect(result.weights).toEqual({ 'most-allocated': 1, 'balanced-allocation': 1 });
    expect(result.nodeId).toBe('a');
    expect(result.scores[0]!.byScorer['most-allocated']!.raw).toBe(100);
  });

  it('weights multiply the normalised scores and 0 turns a scorer off', () => {
    const result = placeVm(vm, fleet, { weights: { 'balanced-allocation': 0, 'least-allocated': 3 } });
    expect(result.weights).toEqual({ 'least-allocated': 3 });
    expect(result.scores.find((s) => s.nodeId === 'c')!.total).toBe(150);
    // b and c tie on 150: the lower id wins and confidence is 0
    expect(result.nodeId).toBe('b');
    expect(result.confidence).toBe(0);
    expect(result.reasoning).toContain('tied with c');
  });

  it('reproduces kube-scheduler integers under rounding: kubernetes', () => {
    const odd = [node('x', 3, 7000, { cpu: 0, memoryMb: 0 })];
    const result = placeVm({ cpu: 1, memoryMb: 2000 }, odd, { rounding: 'kubernetes' });
    expect(result.scores[0]!.byScorer['least-allocated']!.raw).toBe(68);
    expect(result.scores[0]!.byScorer['balanced-allocation']!.raw).toBe(97);
    expect(result.confidence).toBe(1);
    expect(result.margin).toBe(Infinity);
  });
});

describe('placeVm determinism and confidence', () => {
  it('breaks exact ties by node id whatever the input order', () => {
    const twins = ['n3', 'n1', 'n2'].map((id) => node(id, 8, 8192));
    for (const order of [twins, [...twins].reverse(), [twins[1]!, twins[2]!, twins[0]!]]) {
      const result = placeVm({ cpu: 1, memoryMb: 1024 }, order);
      expect(result.nodeId).toBe('n1');
      expect(result.confidence).toBe(0);
      expect(result.alternatives.map((a) => a.nodeId)).toEqual(['n2', 'n3']);
    }
  });

  it('confidence rises with the lead over the runner-up and is 1 with one feasible node', () => {
    const confidences = [0, 1, 2, 4, 6].map((usedCpu) => placeVm({ cpu: 1, memoryMb: 1024 }, [node('best', 8, 8192), node('other', 8, 8192, { cpu: usedCpu })]).confidence);
    expect(confidences[0]).toBe(0);
    for (let i = 1; i < confidences.length; i++) expect(confidences[i]!).toBeGreaterThan(confidences[i - 1]!);
    for (const c of confidences) expect(c).toBeLessThan(1);
    expect(placeVm({ cpu: 1, memoryMb: 1024 }, [node('only', 8, 8192), node('full', 1, 512)]).confidence).toBe(1);
  });

  it('confidenceScale sets the lead at which confidence is one half', () => {
    const fleet = [node('a', 8, 8192), node('b', 8, 8192, { cpu: 4 })];
    const { margin } = placeVm({ cpu: 1, memoryMb: 1024 }, fleet);
    expect(placeVm({ cpu: 1, memoryMb: 1024 }, fleet, { confidenceScale: margin }).confidence).toBeCloseTo(0.5, 12);
  });

  it('draws from the best subsetSize nodes by seed, the same every time', () => {
    const fleet = Array.from({ length: 10 }, (_, i) => node(`n${i}`, 16, 16384, { cpu: i }));
    const picks = Array.from({ length: 20 }, (_, seed) => placeVm({ cpu: 1, memoryMb: 512 }, fleet, { subsetSize: 3, seed }).nodeId);
    expect(new Set(picks).size).toBeGreaterThan(1);
    for (const pick of picks) expect(['n0', 'n1', 'n2']).toContain(pick);
    expect(Array.from({ length: 20 }, (_, seed) => placeVm({ cpu: 1, memoryMb: 512 }, fleet, { subsetSize: 3, seed }).nodeId)).toEqual(picks);
  });
});

describe('placeVm filters', () => {
  it('rejects every infeasible node with the filter and a reason', () => {
    const fleet: PlacementCandidate[] = [
      node('ok', 16, 32768, {}, { region: 'eu-west-1', provider: 'aws', labels: { pci: 'true' }, latencyMs: 10 }),
      node('small', 2, 32768, { cpu: 1 }, { region: 'eu-west-1', provider: 'aws', labels: { pci: 'true' }, latencyMs: 10 }),
      node('far', 16, 32768, {}, { region: 'us-east-1', provider: 'aws', labels: { pci: 'true' }, latencyMs: 10 }),
      node('gcp', 16, 32768, {}, { region: 'eu-west-1', provider: 'gcp', labels: { pci: 'true' }, latencyMs: 10 }),
      node('nopci', 16, 32768, {}, { region: 'eu-west-1', provider: 'aws', labels: {}, latencyMs: 10 }),
      node('slow', 16, 32768, {}, { region: 'eu-west-1', provider: 'aws', labels: { pci: 'true' }, latencyMs: 80 }),
      node('unknown-latency', 16, 32768, {}, { region: 'eu-west-1', provider: 'aws', labels: { pci: 'true' } }),
      node('down', 16, 32768, {}, { region: 'eu-west-1', provider: 'aws', labels: { pci: 'true' }, latencyMs: 10, status: 'offline' }),
      node('cordoned', 16, 32768, {}, { region: 'eu-west-1', provider: 'aws', labels: { pci: 'true' }, latencyMs: 10, schedulable: false }),
      node('banned', 16, 32768, {}, { region: 'eu-west-1', provider: 'aws', labels: { pci: 'true' }, latencyMs: 10 }),
    ];
    const result = placeVm(
      { cpu: 4, memoryMb: 4096, constraints: { regions: ['eu-west-1'], providers: ['aws'], requiredLabels: { pci: 'true' }, maxLatencyMs: 50, excludedNodes: ['banned'] } },
      fleet,
    );
    expect(result.nodeId).toBe('ok');
    const rejected = Object.fromEntries(result.rejected.map((r) => [r.nodeId, r]));
    expect(Object.keys(rejected).sort()).toEqual(['banned', 'cordoned', 'down', 'far', 'gcp', 'nopci', 'slow', 'small', 'unknown-latency']);
    expect(rejected.small).toEqual({ nodeId: 'small', filter: 'capacity', reason: 'insufficient vCPU: needs 4, 1 free' });
    expect(rejected.far).toMatchObject({ filter: 'region', reason: 'region us-east-1 is not one of eu-west-1' });
    expect(rejected.gcp).toMatchObject({ filter: 'provider' });
    expect(rejected.nopci).toMatchObject({ filter: 'compliance-labels', reason: 'node lacks label pci=true' });
    expect(rejected.slow).toMatchObject({ filter: 'max-latency', reason: 'latency 80 ms exceeds 50 ms' });
    expect(rejected['unknown-latency']).toMatchObject({ filter: 'max-latency', reason: 'latency unknown (limit 50 ms)' });
    expect(rejected.down).toMatchObject({ filter: 'node-status', reason: 'node is offline' });
    expect(rejected.cordoned).toMatchObject({ filter: 'node-status', reason: 'node is not schedulable' });
    expect(rejected.banned).toMatchObject({ filter: 'excluded' });
  });

  it('throws NoFeasibleNodeError with every rejection when nothing fits', () => {
    const fleet = [node('a', 2, 2048), node('b', 4, 1024), node('c', 8, 8192, {}, { status: 'maintenance' })];
    let error: unknown;
    try {
      placeVm({ cpu: 4, memoryMb: 4096 }, fleet);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NoFeasibleNodeError);
    expect(error).toBeInstanceOf(NovaCronError);
    const e = error as NoFeasibleNodeError;
    expect(e.code).toBe('no_feasible_node');
    expect(e.reasons).toEqual({ capacity: 2, 'node-status': 1 });
    expect(e.rejected.find((r) => r.nodeId === 'a')!.reason).toBe('insufficient vCPU: needs 4, 2 free; MiB memory: needs 4096, 2048 free');
    expect(e.message).toContain('3 rejected');
  });

  it('hard affinity needs a matching VM in the domain; the first of a self-matching group may go anywhere', () => {
    const fleet = [
      node('n1', 8, 8192, {}, { zone: 'z1', vms: [{ labels: { app: 'db' } }] }),
      node('n2', 8, 8192, {}, { zone: 'z1' }),
      node('n3', 8, 8192, {}, { zone: 'z2' }),
    ];
    const nearDb = placeVm({ cpu: 1, memoryMb: 512, constraints: { affinity: [{ selector: { app: 'db' }, topologyKey: 'zone', hard: true }] } }, fleet);
    expect(nearDb.scores.map((s) => s.nodeId).sort()).toEqual(['n1', 'n2']);
    expect(nearDb.rejected).toEqual([{ nodeId: 'n3', filter: 'affinity', reason: 'no VM matching {app=db} in zone z2' }]);
    const firstWeb = placeVm(
      { cpu: 1, memoryMb: 512, labels: { app: 'web' }, constraints: { affinity: [{ selector: { app: 'web' }, hard: true }] } },
      fleet,
    );
    expect(firstWeb.rejected).toEqual([]);
  });

  it('hard anti-affinity keeps matching VMs apart', () => {
    const fleet = [node('n1', 8, 8192, {}, { vms: [{ labels: { app: 'web' } }] }), node('n2', 8, 8192)];
    const result = placeVm({ cpu: 1, memoryMb: 512, labels: { app: 'web' }, constraints: { antiAffinity: [{ selector: { app: 'web' }, hard: true }] } }, fleet);
    expect(result.nodeId).toBe('n2');
    expect(result.rejected[0]).toMatchObject({ nodeId: 'n1', filter: 'anti-affinity' });
  });

  it('topology spread DoNotSchedule filters domains over maxSkew; ScheduleAnyway only scores', () => {
    const web = { labels: { app: 'web' } };
    const fleet = [
      node('a1', 32, 65536, {}, { zone: 'a', vms: [web, web] }),
      node('b1', 32, 65536, {}, { zone: 'b', vms: [web] }),
      node('c1', 32, 65536, {}, { zone: 'c' }),
    ];
    const hard = placeVm({ cpu: 1, memoryMb: 512, labels: { app: 'web' }, constraints: { topologySpread: [{ topologyKey: 'zone', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }] } }, fleet);
    // skew after placing: a 3−0, b 2−0, c 1−0
    expect(hard.nodeId).toBe('c1');
    expect(hard.rejected.map((r) => r.nodeId).sort()).toEqual(['a1', 'b1']);
    expect(hard.rejected.find((r) => r.nodeId === 'a1')!.reason).toBe('zone a would have skew 3 > maxSkew 1');
    const soft = placeVm({ cpu: 1, memoryMb: 512, labels: { app: 'web' }, constraints: { topologySpread: [{ topologyKey: 'zone', maxSkew: 1 }] } }, fleet);
    expect(soft.rejected).toEqual([]);
    expect(soft.nodeId).toBe('c1');
    const spread = Object.fromEntries(soft.scores.map((s) => [s.nodeId, s.byScorer['topology-spread']!]));
    expect([spread.a1!.raw, spread.b1!.raw, spread.c1!.raw]).toEqual([3, 2, 1]);
    expect([spread.a1!.normalized, spread.b1!.normalized, spread.c1!.normalized]).toEqual([0, 50, 100]);
    expect(soft.weights['topology-spread']).toBe(2);
  });
});

describe('placeVm hard constraints (property test over seeded random fleets)', () => {
  const providers = ['aws', 'azure', 'gcp', 'kvm'];
  const regions = ['r1', 'r2', 'r3'];
  const zones = ['z1', 'z2', 'z3', 'z4'];

  /** An independent statement of every hard rule, to check the engine against. */
  function violates(n: PlacementCandidate, req: PlacementRequest, fleet: PlacementCandidate[]): boolean {
    const c = req.constraints ?? {};
    if (n.schedulable === false || (n.status !== undefined && n.status !== 'online')) return true;
    if (c.regions?.length && !c.regions.includes(n.region!)) return true;
    if (c.providers?.length && !c.providers.includes(n.provider!)) return true;
    for (const [k, v] of Object.entries(c.requiredLabels ?? {})) if (n.labels?.[k] !== v) return true;
    if (n.capacity.cpu - (n.allocated?.cpu ?? 0) < req.cpu) return true;
    if (n.capacity.memoryMb - (n.allocated?.memoryMb ?? 0) < req.memoryMb) return true;
    if ((n.capacity.gpu ?? 0) - (n.allocated?.gpu ?? 0) < (req.gpu ?? 0)) return true;
    if (c.maxLatencyMs !== undefined && !(n.latencyMs !== undefined && n.latencyMs <= c.maxLatencyMs)) return true;
    for (const term of c.antiAffinity ?? []) {
      if (!term.hard) continue;
      const sameZone = fleet.filter((m) => m.zone === n.zone);
      if (sameZone.some((m) => (m.vms ?? []).some((vm) => Object.entries(term.selector).every(([k, v]) => vm.labels[k] === v)))) return true;
    }
    return false;
  }

  it('never chooses a node that breaks a hard rule, and rejects exactly those that do', () => {
    const random = seededRandom(20240611);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    let placed = 0;
    let infeasible = 0;
    for (let trial = 0; trial < 300; trial++) {
      const fleet: PlacementCandidate[] = Array.from({ length: 5 + Math.floor(random() * 40) }, (_, i) => {
        const cpu = pick([4, 8, 16, 32]);
        const mem = pick([8192, 16384, 65536]);
        const gpu = random() < 0.2 ? pick([1, 2, 4]) : 0;
        return {
          id: `n${trial}-${i}`,
          provider: pick(providers),
          region: pick(regions),
          zone: pick(zones),
          labels: (random() < 0.5 ? { pci: 'true' } : {}) as Record<string, string>,
          capacity: { cpu, memoryMb: mem, gpu },
          allocated: { cpu: Math.floor(random() * cpu), memoryMb: Math.floor(random() * mem), gpu: Math.floor(random() * (gpu + 1)) },
          ...(random() < 0.8 && { latencyMs: Math.floor(random() * 100) }),
          ...(random() < 0.1 && { status: 'offline' }),
          ...(random() < 0.05 && { schedulable: false }),
          vms: random() < 0.3 ? [{ labels: { app: pick(['web', 'db']) } }] : [],
        };
      });
      const req: PlacementRequest = {
        cpu: pick([1, 2, 4, 8]),
        memoryMb: pick([1024, 4096, 16384]),
        gpu: random() < 0.2 ? 1 : 0,
        labels: { app: 'web' },
        constraints: {
          ...(random() < 0.5 && { regions: [pick(regions)] }),
          ...(random() < 0.4 && { providers: [pick(providers), pick(providers)] }),
          ...(random() < 0.3 && { requiredLabels: { pci: 'true' } }),
          ...(random() < 0.4 && { maxLatencyMs: pick([20, 50, 80]) }),
          ...(random() < 0.4 && { antiAffinity: [{ selector: { app: 'db' }, topologyKey: 'zone', hard: true }] }),
        },
      };
      const expectedFeasible = fleet.filter((n) => !violates(n, req, fleet)).map((n) => n.id);
      if (expectedFeasible.length === 0) {
        expect(() => placeVm(req, fleet)).toThrow(NoFeasibleNodeError);
        infeasible++;
        continue;
      }
      const result = placeVm(req, fleet, { strategy: trial % 2 ? 'pack' : 'spread' });
      placed++;
      expect(expectedFeasible).toContain(result.nodeId);
      expect(result.scores.map((s) => s.nodeId).sort()).toEqual([...expectedFeasible].sort());
      expect(result.rejected.length + result.scores.length).toBe(fleet.length);
      expect(result.confidence).toBeGreaterThanOrEqual(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
      // the same fleet in another order gives the same choice
      expect(placeVm(req, [...fleet].reverse(), { strategy: trial % 2 ? 'pack' : 'spread' }).nodeId).toBe(result.nodeId);
    }
    // the generator exercises both outcomes
    expect(placed).toBeGreaterThan(50);
    expect(infeasible).toBeGreaterThan(10);
  });
});

describe('placeVm plugins', () => {
  const fleet = [node('plain', 16, 16384), node('ssd', 16, 16384, { cpu: 4 }, { labels: { disk: 'ssd' } }), node('draining', 32, 65536, {}, { labels: { draining: 'true' } })];

  it('runs a custom filter after the built-in ones and reports its reason', () => {
    const notDraining: PlacementFilter = { name: 'not-draining', test: (n) => (n.labels?.draining === 'true' ? 'node is draining' : undefined) };
    const result = placeVm({ cpu: 1, memoryMb: 1024 }, fleet, { filters: [notDraining] });
    expect(result.rejected).toEqual([{ nodeId: 'draining', filter: 'not-draining', reason: 'node is draining' }]);
    expect(result.nodeId).toBe('plain');
  });

  it('adds a custom scorer with its weight and can change the choice', () => {
    const prefersSsd: PlacementScorer = { name: 'ssd', weight: 5, normalize: 'fixed', score: (n) => (n.labels?.disk === 'ssd' ? 100 : 0) };
    const result = placeVm({ cpu: 1, memoryMb: 1024 }, fleet.slice(0, 2), { scorers: [prefersSsd] });
    expect(result.nodeId).toBe('ssd');
    expect(result.weights.ssd).toBe(5);
    expect(result.scores[0]!.byScorer.ssd).toEqual({ raw: 100, normalized: 100, weighted: 500 });
    expect(result.alternatives[0]!.cons[0]).toMatch(/^ssd: 0\.0 vs 100\.0 on ssd$/);
    expect(result.alternatives[0]!.pros.some((p) => p.startsWith('least-allocated'))).toBe(true);
  });

  it('a scorer with a built-in name replaces it; minmax scorers are normalised over feasible nodes', () => {
    const byFreeCpu: PlacementScorer = { name: 'least-allocated', normalize: 'minmax', score: (n) => n.capacity.cpu - (n.allocated?.cpu ?? 0) };
    const result = placeVm({ cpu: 1, memoryMb: 1024 }, fleet, { scorers: [byFreeCpu] });
    const la = Object.fromEntries(result.scores.map((s) => [s.nodeId, s.byScorer['least-allocated']!]));
    expect(la.draining).toEqual({ raw: 32, normalized: 100, weighted: 100 });
    expect(la.ssd!.normalized).toBe(0);
    expect(la.plain!.normalized).toBeCloseTo((100 * 4) / 20, 12);
  });
});

describe('placeVm cost and latency', () => {
  const prices: PriceTable = {
    currency: 'USD',
    rates: [
      { provider: 'aws', vcpuHour: 0.04, memoryGibHour: 0.005 },
      { provider: 'gcp', region: 'us-central1', vcpuHour: 0.03, memoryGibHour: 0.004 },
    ],
  };
  const fleet = [
    node('aws-1', 16, 32768, {}, { provider: 'aws', region: 'us-east-1', latencyMs: 20 }),
    node('gcp-1', 16, 32768, {}, { provider: 'gcp', region: 'us-central1', latencyMs: 40 }),
    node('azure-1', 16, 32768, {}, { provider: 'azure', region: 'westeurope', latencyMs: 90 }),
  ];

  it('scores the price of the VM from the table passed in, unknown prices last and named as a con', () => {
    const result = placeVm({ cpu: 2, memoryMb: 4096 }, fleet, { prices, weights: { latency: 0 } });
    const cost = Object.fromEntries(result.scores.map((s) => [s.nodeId, s.byScorer.cost!]));
    expect(cost['aws-1']!.raw).toBeCloseTo(2 * 0.04 + 4 * 0.005, 12);
    expect(cost['gcp-1']!.raw).toBeCloseTo(2 * 0.03 + 4 * 0.004, 12);
    expect(cost['azure-1']).toEqual({ raw: null, normalized: 0, weighted: 0 });
    expect(cost['gcp-1']!.normalized).toBe(100);
    expect(cost['aws-1']!.normalized).toBe(0);
    expect(result.nodeId).toBe('gcp-1');
    expect(result.alternatives.find((a) => a.nodeId === 'azure-1')!.cons).toEqual(['cost: 0.0 vs 100.0 on gcp-1 (unknown)']);
  });

  it('latency counts when candidates carry it, lower being better', () => {
    const result = placeVm({ cpu: 2, memoryMb: 4096 }, fleet);
    const latency = Object.fromEntries(result.scores.map((s) => [s.nodeId, s.byScorer.latency!.normalized]));
    expect(latency).toEqual({ 'aws-1': 100, 'gcp-1': (100 * 50) / 70, 'azure-1': 0 });
    expect(result.nodeId).toBe('aws-1');
  });
});

describe('placeVm input checks', () => {
  it('rejects bad requests, candidates and options with a ValidationError naming the field', () => {
    const fleet = [node('a', 8, 8192)];
    expect(() => placeVm({ cpu: -1, memoryMb: 1024 }, fleet)).toThrow(ValidationError);
    expect(() => placeVm({ cpu: 1, memoryMb: 1024 }, [node('a', 8, 8192), node('a', 4, 4096)])).toThrow(/duplicate node id a/);
    expect(() => placeVm({ cpu: 1, memoryMb: 1024 }, [{ id: 'x', capacity: { cpu: Number.NaN, memoryMb: 1 } }])).toThrow(/candidates\.0\.capacity\.cpu/);
    expect(() => placeVm({ cpu: 1, memoryMb: 1024 }, fleet, { weights: { cost: -2 } })).toThrow(/options\.weights\.cost/);
    expect(() => placeVm({ cpu: 1, memoryMb: 1024 }, fleet, { scorers: [{ name: 'x' } as unknown as PlacementScorer] })).toThrow(/score\(node, context\)/);
    expect(() => placeVm({ cpu: 1, memoryMb: 1024, constraints: { topologySpread: [{ topologyKey: 'zone', maxSkew: 0 }] } }, fleet)).toThrow(
      /constraints\.topologySpread\.0\.maxSkew/,
    );
  });

  it('an empty candidate list is no feasible node, not a crash', () => {
    expect(() => placeVm({ cpu: 1, memoryMb: 1024 }, [])).toThrow('No candidate nodes were given.');
  });
});
