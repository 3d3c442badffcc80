import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@novacron/simulator';
import type { MigrationPlan, PlanExecutionState, PlanReport, PlanStore } from '../src';
import { FilePlanStore } from '../src/node';
import { RedisPlanStore } from '../src/redis';
import { federationSession, runningVms } from './support/federation-session';

// Slow enough that a wave is still running when the child is killed: a move takes about a second.
const session = federationSession({ simulator: { timeScale: 0.2 } });
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const FIXTURE = join(__dirname, 'fixtures', 'execute-plan-process.ts');

function runChild(args: string[]): { child: ChildProcess; report: Promise<PlanReport | undefined> } {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const report = new Promise<PlanReport | undefined>((resolve, reject) => {
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(undefined);
      else if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop()!) as PlanReport);
      else reject(new Error(`child exited ${code}: ${err}`));
    });
  });
  return { child, report };
}

async function sixVmPlan(planId: string): Promise<MigrationPlan> {
  const ids = await runningVms(session.raw, [0, 1, 2, 3, 4, 5].map((i) => `${planId}-${i}`));
  return session.federation.plans.create({
    id: planId,
    moves: [
      ...ids.slice(0, 4).map((vmId) => ({ vmId, targetCluster: 'gcp-us-central1' })),
      ...ids.slice(4).map((vmId) => ({ vmId, targetCluster: 'gcp-us-central1', dependsOn: ids.slice(0, 4) })),
    ],
  });
}

/** Kills the child once wave 0 has a VM moved and another still moving: mid-wave. */
async function killMidWave(store: PlanStore, plan: MigrationPlan, child: ChildProcess): Promise<PlanExecutionState> {
  const seen = await eventually(
    async () => {
      const state = await store.loadState(plan.id);
      if (!state) return undefined;
      const wave0 = plan.waves[0]!.map((id) => state.vms[id]!.status);
      return wave0.includes('moved') && wave0.includes('migrating') ? state : undefined;
    },
    30_000,
    5,
  );
  child.kill('SIGKILL');
  return seen;
}

function assertMovedOnce(plan: MigrationPlan, report: PlanReport, seenAtKill: PlanExecutionState): void {
  expect(report.status).toBe('completed');
  expect(report.moved.sort()).toEqual(Object.keys(plan.moves).sort());
  expect(report.owners).toEqual(['child-1', expect.stringMatching(/^(parent|child-2)$/)]);
  // The kill really was mid-wave: part of wave 0 done, part in flight, wave 1 not started.
  const statuses = Object.values(seenAtKill.vms).map((v) => v.status);
  expect(statuses).toContain('moved');
  expect(statuses).toContain('migrating');
  expect(plan.waves[1]!.every((id) => seenAtKill.vms[id]!.status === 'pending')).toBe(true);
  const migrations = session.sim.controls.federation.migrations().filter((m) => m.plan_id === plan.id);
  for (const vmId of Object.keys(plan.moves)) {
    expect(migrations.filter((m) => m.vm_id === vmId)).toHaveLength(1);
    expect(session.sim.controls.federation.clusterOf(vmId)).toBe('gcp-us-central1');
  }
}

describe('a plan interrupted by a killed process is finished by another, moving no VM twice', () => {
  it('with the file plan store, resumed in this process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'novacron-plans-'));
    try {
      const store = new FilePlanStore({ dir });
      const plan = await sixVmPlan('resume-file');
      await store.savePlan(plan);
      const { child, report: childReport } = runChild(['file', dir, '', session.sim.url, plan.id, 'child-1']);
      const seen = await killMidWave(store, plan, child);
      expect(await childReport).toBeUndefined();
      const report = await session.federation.plans.resume(plan.id, { store, owner: 'parent', leaseMs: 3_000, leaseWaitMs: 10_000, concurrency: 2, pollIntervalMs: 20 });
      assertMovedOnce(plan, report, seen);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('with the Redis plan store, resumed by a second process', async () => {
    const keyPrefix = `novacron:test:${process.pid}:${Date.now().toString(36)}:`;
    const store = new RedisPlanStore({ url: REDIS_URL, keyPrefix });
    try {
      const plan = await sixVmPlan('resume-redis');
      await store.savePlan(plan);
      const first = runChild(['redis', REDIS_URL, keyPrefix, session.sim.url, plan.id, 'child-1']);
      const seen = await killMidWave(store, plan, first.child);
      expect(await first.report).toBeUndefined();
      const second = runChild(['redis', REDIS_URL, keyPrefix, session.sim.url, plan.id, 'child-2']);
      const report = (await second.report)!;
      assertMovedOnce(plan, report, seen);
      expect((await store.loadState(plan.id))!.status).toBe('completed');
    } finally {
      await store.close();
    }
  }, 120_000);
});
