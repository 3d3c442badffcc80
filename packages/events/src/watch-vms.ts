import { Informer, type InformerOptions } from './informer';

/** Options for `watchVms`: the stream's options plus the VM lister (`vms.list` from `@novacron/vm`). */
export type WatchVmsOptions<T> = Omit<InformerOptions<T>, 'resourceType'>;

/** Keeps a live map of VMs (list + watch); resolves once the first list is applied. */
export async function watchVms<T = Record<string, unknown>>(options: WatchVmsOptions<T>): Promise<Informer<T>> {
  const informer = new Informer<T>({ ...options, resourceType: 'vm' });
  try {
    await informer.start();
  } catch (error) {
    informer.close();
    throw error;
  }
  return informer;
}
