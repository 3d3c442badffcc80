/**
 * The simulator on a thread of its own, so the bench measures the client rather than a server
 * sharing its event loop. Messages: {inject: FaultRule} → {id}; {remove: id}; {names: label} → {names}; {stats}; {close}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startSimulator, type FaultRule, type SeedNode } from '@novacron/simulator';

const { nodes } = workerData as { nodes: SeedNode[] };
const sim = await startSimulator({ port: 0, timeScale: 0, seed: 'bench-batch', nodes });
parentPort!.on('message', (message: { inject?: FaultRule; remove?: string; names?: string; stats?: true; close?: true }) => {
  if (message.inject) {
    parentPort!.postMessage({ id: sim.controls.faults.inject(message.inject) });
  } else if (message.remove !== undefined) {
    parentPort!.postMessage({ removed: sim.controls.faults.remove(message.remove) });
  } else if (message.names !== undefined) {
    const names = sim.controls.snapshot().vms.filter((vm) => vm.tags?.['batch'] === message.names).map((vm) => vm.name);
    parentPort!.postMessage({ names });
  } else if (message.stats) {
    parentPort!.postMessage({ stats: sim.controls.stats() });
  } else if (message.close) {
    void sim.close().then(() => process.exit(0));
  }
});
parentPort!.postMessage({ url: sim.url });
