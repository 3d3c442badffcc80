import { balancedAllocationScore, leastAllocatedScore, mostAllocatedScore, requestedToCapacityRatioScore } from '../src/placement/resource-scores';

// Every expected number below is worked out by hand from kube-scheduler's formulas
// (least_allocated.go, most_allocated.go, balanced_allocation.go, requested_to_capacity_ratio.go).
// `requested` is what the node would hold after placing the VM.

describe('LeastAllocated', () => {
  it('is (capacity − requested)·100/capacity per resource, then the weighted mean', () => {
    // cpu (8−4)·100/8 = 50, memory (16384−8192)·100/16384 = 50
    expect(leastAllocatedScore([4, 8192], [8, 16384], [1, 1])).toBe(50);
    // cpu (10−3)·100/10 = 70, memory (20000−13000)·100/20000 = 35 → 52.5
    expect(leastAllocatedScore([3, 13000], [10, 20000], [1, 1])).toBeCloseTo(52.5, 10);
    // weights cpu 2, memory 1: (2·50 + 25)/3
    expect(leastAllocatedScore([4, 12288], [8, 16384], [2, 1])).toBeCloseTo(125 / 3, 10);
  });

  it('truncates like Go int64 arithmetic under integer rounding', () => {
    // cpu 2·100/3 = 66.67 → 66, memory 5000·100/7000 = 71.43 → 71, (66 + 71)/2 = 68.5 → 68
    expect(leastAllocatedScore([1, 2000], [3, 7000], [1, 1], true)).toBe(68);
    expect(leastAllocatedScore([1, 2000], [3, 7000], [1, 1])).toBeCloseTo((200 / 3 + 500000 / 7000) / 2, 10);
  });

  it('scores an over-committed resource 0 and skips a resource with no capacity', () => {
    expect(leastAllocatedScore([9, 8192], [8, 16384], [1, 1])).toBe(25);
    expect(leastAllocatedScore([4, 1], [8, 0], [1, 1])).toBe(50);
    expect(leastAllocatedScore([1], [0], [1])).toBe(0);
  });
});

describe('MostAllocated', () => {
  it('is requested·100/capacity per resource, then the weighted mean', () => {
    // cpu 30, memory 65 → 47.5
    expect(mostAllocatedScore([3, 13000], [10, 20000], [1, 1])).toBeCloseTo(47.5, 10);
    // cpu 33.3 → 33, memory 28.57 → 28; (33 + 28)/2 = 30.5 → 30
    expect(mostAllocatedScore([1, 2000], [3, 7000], [1, 1], true)).toBe(30);
  });

  it('caps requested at capacity', () => {
    expect(mostAllocatedScore([12, 8192], [8, 16384], [1, 1])).toBe(75);
  });
});

describe('BalancedAllocation', () => {
  it('is (1 − |f1 − f2|/2)·100 for two resources', () => {
    expect(balancedAllocationScore([4, 8192], [8, 16384])).toBe(100);
    // fractions 0.3 and 0.65: std 0.175 → 82.5
    expect(balancedAllocationScore([3, 13000], [10, 20000])).toBeCloseTo(82.5, 10);
    expect(balancedAllocationScore([3, 13000], [10, 20000], true)).toBe(82);
    // 1/3 and 2/7: std = (1/3 − 2/7)/2 = 1/42 → 97.619…
    expect(balancedAllocationScore([1, 2000], [3, 7000])).toBeCloseTo((1 - 1 / 42) * 100, 10);
  });

  it('uses the population standard deviation for three resources, fractions capped at 1', () => {
    // fractions 0.5, 0.25, 1 (120/100 capped): mean 7/12, variance (1/144 + 16/144 + 25/144)/3 = 42/432
    const std = Math.sqrt(42 / 432);
    expect(balancedAllocationScore([4, 4096, 120], [8, 16384, 100])).toBeCloseTo((1 - std) * 100, 10);
    expect(balancedAllocationScore([4, 4096, 120], [8, 16384, 100], true)).toBe(68);
  });

  it('is 100 for one resource', () => {
    expect(balancedAllocationScore([7], [8])).toBe(100);
  });
});

describe('RequestedToCapacityRatio', () => {
  const peakAtHalf = [
    { utilization: 0, score: 100 },
    { utilization: 50, score: 100 },
    { utilization: 100, score: 0 },
  ];

  it('maps utilisation through the piecewise-linear shape, then the weighted mean', () => {
    // cpu 6/8 = 75 % → 50; memory 12.5 % → 100 → mean 75
    expect(requestedToCapacityRatioScore([6, 2048], [8, 16384], [1, 1], peakAtHalf)).toBe(75);
    // weights 3:1 → (150 + 100)/4
    expect(requestedToCapacityRatioScore([6, 2048], [8, 16384], [3, 1], peakAtHalf)).toBe(62.5);
  });

  it('with a rising line equals MostAllocated, and is flat outside the shape', () => {
    const line = [
      { utilization: 0, score: 0 },
      { utilization: 100, score: 100 },
    ];
    expect(requestedToCapacityRatioScore([3, 13000], [10, 20000], [1, 1], line)).toBeCloseTo(mostAllocatedScore([3, 13000], [10, 20000], [1, 1]), 10);
    const middle = [
      { utilization: 20, score: 10 },
      { utilization: 80, score: 70 },
    ];
    expect(requestedToCapacityRatioScore([1], [10], [1], middle)).toBe(10);
    expect(requestedToCapacityRatioScore([9], [10], [1], middle)).toBe(70);
    expect(requestedToCapacityRatioScore([11], [10], [1], middle)).toBe(70);
  });

  it('rounds to nearest under integer rounding, after truncating utilisation', () => {
    // cpu 1/3 → 33 % → 100; memory 5/7 → 71 % → 100 − 2·(71 − 50) = 58; (100 + 58)/2 = 79
    expect(requestedToCapacityRatioScore([1, 5], [3, 7], [1, 1], peakAtHalf, true)).toBe(79);
  });
});
