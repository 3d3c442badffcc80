import { ValidationError } from '@novacron/core';
import { createAnomalyDetector, type AnomalyDetectorOptions, type AnomalyResult } from '../src/index';
import { injectDrift, injectLevelShift, injectSpikes, scoreAlarms } from './fixtures/series-anomalies';
import { gaussianSource, trendDailySeason, whiteNoise } from './fixtures/series-generators';

function run(values: readonly number[], options: AnomalyDetectorOptions = {}): AnomalyResult[] {
  const detector = createAnomalyDetector(options);
  return values.map((v) => detector.update(v));
}
const alarmsOf = (results: readonly AnomalyResult[]): number[] => results.filter((r) => r.anomalous).map((r) => r.index);

/** Hourly load: daily season, slight trend, noise σ = 2. */
const load = (seed: number, length = 1500): number[] => trendDailySeason({ length, seed, noise: 2, slope: 0.005 });

describe('streaming detector: injected anomalies with ground truth', () => {
  it('finds spikes of 8–10σ on a seasonal series (given season): precision, recall, delay', () => {
    let tp = 0;
    let events = 0;
    let alarms = 0;
    let falseAlarms = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const labelled = injectSpikes(load(seed), { seed: seed + 100, count: 20, magnitude: 16 + 2 * (seed % 3), from: 100 });
      const score = scoreAlarms(alarmsOf(run(labelled.values, { seasonLength: 24 })), labelled.events, 0);
      tp += score.recall * labelled.events.length;
      events += labelled.events.length;
      alarms += score.alarms;
      falseAlarms += score.falseAlarms;
      expect(Math.max(...score.delays)).toBe(0); // a spike is flagged at the spike
    }
    expect(tp / events).toBeGreaterThanOrEqual(0.9);
    expect((alarms - falseAlarms) / alarms).toBeGreaterThanOrEqual(0.95);
  });

  it('finds most 6σ spikes and every one it flags is real (recall is the price of few false alarms)', () => {
    let found = 0;
    let events = 0;
    let falseAlarms = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const labelled = injectSpikes(load(seed), { seed: seed + 100, count: 20, magnitude: 12, from: 100 });
      const score = scoreAlarms(alarmsOf(run(labelled.values, { seasonLength: 24 })), labelled.events, 0);
      found += score.recall * labelled.events.length;
      events += labelled.events.length;
      falseAlarms += score.falseAlarms;
    }
    expect(found / events).toBeGreaterThanOrEqual(0.5);
    expect(falseAlarms).toBeLessThanOrEqual(2);
  });

  it('detects the daily season by itself and then catches spikes hidden in the daily swing', () => {
    // 8σ spikes are well inside the series' overall daily range: only a seasonal baseline sees them.
    const base = load(7, 2400);
    const labelled = injectSpikes(base, { seed: 70, count: 25, magnitude: 16, from: 1100 });
    const detector = createAnomalyDetector({ seasonDetectionWindow: 1008 });
    const results = labelled.values.map((v) => detector.update(v));
    expect(detector.periods).toEqual([24]);
    const score = scoreAlarms(alarmsOf(results.slice(1008)), labelled.events, 0);
    expect(score.recall).toBeGreaterThanOrEqual(0.8);
    expect(score.precision).toBeGreaterThanOrEqual(0.85);
  });

  it('flags a level shift at once, confirms it, then stops alarming at the new level', () => {
    for (const seed of [11, 12, 13]) {
      const labelled = injectLevelShift(load(seed), 900, 25);
      const results = run(labelled.values, { seasonLength: 24, levelShiftConfirmation: 6 });
      const alarms = alarmsOf(results);
      const score = scoreAlarms(alarms, labelled.events);
      expect(score.recall).toBe(1);
      expect(score.delays[0]).toBe(0);
      expect(results.filter((r) => r.levelShift).map((r) => r.index)).toEqual([905]);
      expect(alarms.filter((at) => at > 906)).toEqual([]);
      expect(Math.abs(results[1200]!.expected - (results[1200]!.value - 0))).toBeLessThan(10);
    }
  });

  it('catches a drift of 0.5σ per step within a few steps, with few alarms afterwards', () => {
    const delays: number[] = [];
    for (const seed of [21, 22, 23, 24]) {
      const labelled = injectDrift(load(seed), 1000, 60, 1);
      const alarms = alarmsOf(run(labelled.values, { seasonLength: 24 }));
      const score = scoreAlarms(alarms, labelled.events);
      expect(score.recall).toBe(1);
      delays.push(...score.delays);
      expect(alarms.filter((at) => at > 1100).length).toBeLessThanOrEqual(2);
    }
    expect(Math.max(...delays)).toBeLessThanOrEqual(20);
  });
});

describe('streaming detector: quiet on normal behaviour', () => {
  it('raises under one false alarm per 1000 points on clean noisy seasonal series', () => {
    let alarms = 0;
    let points = 0;
    for (const seed of [31, 32, 33, 34, 35, 36]) {
      const results = run(load(seed, 3000));
      alarms += results.filter((r) => r.anomalous).length;
      points += results.length;
    }
    expect((1000 * alarms) / points).toBeLessThan(1);
  });

  it('keeps scores low on normal points: 99 % of them below 0.1', () => {
    const scores = run(load(41, 3000), { seasonLength: 24 })
      .filter((r) => !r.warmingUp)
      .map((r) => r.score)
      .sort((a, b) => a - b);
    expect(scores[Math.floor(0.99 * scores.length)]!).toBeLessThan(0.1);
  });

  it('adapts its band to heavy-tailed noise instead of alarming on every burst', () => {
    const noise = gaussianSource(51);
    const uniform = gaussianSource(52);
    // Routine bursts: Gaussian noise whose scale jumps 6× on about 3 % of points.
    const burst = Array.from({ length: 4000 }, () => Math.abs(uniform()) > 2.17);
    const series = burst.map((b) => 100 + noise() * (b ? 6 : 1));
    const results = run(series).slice(30);
    const flagged = (wanted: boolean): number => results.filter((r) => r.anomalous && burst[r.index] === wanted).length;
    const bursts = results.filter((r) => burst[r.index]).length;
    expect(flagged(false)).toBe(0); // ordinary points never alarm
    expect(flagged(true) / bursts).toBeLessThan(0.4); // most routine bursts do not either
  });
});

describe('streaming detector: scores, severity and bands', () => {
  it('scores bigger spikes higher, in [0, 1], with severity following the score', () => {
    const base = whiteNoise({ length: 400, seed: 61, noise: 1 });
    const outcomes = [0, 2, 4, 5.5, 7, 9, 12, 20].map((size) => {
      const detector = createAnomalyDetector();
      for (let t = 0; t < 399; t++) detector.update(base[t]!);
      return detector.update(base[399]! + size);
    });
    for (let i = 1; i < outcomes.length; i++) expect(outcomes[i]!.score).toBeGreaterThan(outcomes[i - 1]!.score);
    for (const o of outcomes) {
      expect(o.score).toBeGreaterThanOrEqual(0);
      expect(o.score).toBeLessThanOrEqual(1);
      expect(o.anomalous).toBe(o.value > o.upper || o.value < o.lower);
      expect(o.anomalous).toBe(o.score >= 0.5);
    }
    expect(outcomes.map((o) => o.severity)).toEqual(['info', 'info', 'info', 'warning', 'warning', 'critical', 'critical', 'critical']);
    expect(outcomes[7]!.deviation).toBeGreaterThan(outcomes[6]!.deviation);
  });

  it('reports metric, timestamp, index, band and deviation in robust σ', () => {
    const detector = createAnomalyDetector({ metric: 'cpu.usage', warmup: 20 });
    const start = Date.UTC(2026, 0, 1);
    let last: AnomalyResult | undefined;
    const noise = gaussianSource(71);
    for (let i = 0; i < 200; i++) last = detector.update(50 + noise(), i % 2 ? start + i * 60_000 : new Date(start + i * 60_000));
    expect(last).toMatchObject({ metric: 'cpu.usage', timestamp: start + 199 * 60_000, index: 199, warmingUp: false });
    expect(last!.lower).toBeLessThan(last!.expected);
    expect(last!.upper).toBeGreaterThan(last!.expected);
    expect(Math.abs(last!.expected - 50)).toBeLessThan(1);
    const spike = detector.update(50 + 10 * ((last!.upper - last!.expected) / 5));
    expect(spike.deviation).toBeGreaterThan(8);
    expect(spike.deviation).toBeLessThan(12);
  });

  it('is not dragged by outliers during warm-up', () => {
    const series = whiteNoise({ length: 300, seed: 81, noise: 1, level: 20 });
    series[5] = 5000;
    series[17] = -3000;
    const results = run(series, { warmup: 30 });
    expect(Math.abs(results[60]!.expected - 20)).toBeLessThan(1);
    expect(results[60]!.upper - results[60]!.lower).toBeLessThan(15);
  });
});

describe('streaming detector: input handling', () => {
  it('skips NaN and ±Infinity without crashing or losing the seasonal phase', () => {
    const base = load(91, 1200);
    const values: number[] = [...base];
    for (let t = 600; t < 610; t++) values[t] = Number.NaN;
    values[700] = Number.POSITIVE_INFINITY;
    values[800] = base[800]! + 20; // a spike after the gaps is still found
    const results = run(values, { seasonLength: 24 });
    expect(results[605]).toMatchObject({ skipped: true, anomalous: false, score: 0 });
    expect(results[700]!.skipped).toBe(true);
    expect(alarmsOf(results)).toEqual([800]);
  });

  it('rejects invalid options with a ValidationError', () => {
    expect(() => createAnomalyDetector({ threshold: 0 })).toThrow(ValidationError);
    expect(() => createAnomalyDetector({ sensitivity: 1.5 })).toThrow(ValidationError);
    expect(() => createAnomalyDetector({ warmup: 1 })).toThrow(ValidationError);
    expect(() => createAnomalyDetector({ seasonLength: 1 })).toThrow(ValidationError);
    expect(() => createAnomalyDetector({ levelShiftConfirmation: 0 })).toThrow(ValidationError);
  });

  it('maps sensitivity to the threshold: more sensitive flags smaller deviations', () => {
    const base = whiteNoise({ length: 400, seed: 95, noise: 1 });
    const at = (sensitivity: number): AnomalyResult => {
      const detector = createAnomalyDetector({ sensitivity });
      for (let t = 0; t < 399; t++) detector.update(base[t]!);
      return detector.update(base[399]! + 4.5);
    };
    expect(at(0.9).anomalous).toBe(true);
    expect(at(0.2).anomalous).toBe(false);
  });
});
