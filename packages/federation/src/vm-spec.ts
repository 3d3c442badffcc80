import * as z from 'zod/mini';
import { checkInput } from './internal/check-input';

/** What a VM needs, in the units prices are compared in. */
export interface VmSpec {
  vcpu: number;
  memoryGib: number;
  gpuCount?: number;
  /** Default `x86_64`. */
  arch?: 'x86_64' | 'arm64';
  /** Disk, also the data a migration moves unless `dataGb` says otherwise. */
  diskGb?: number;
}

export const VmSpecSchema = z.object({
  vcpu: z.number().check(z.positive('vcpu must be positive'), z.maximum(1024)),
  memoryGib: z.number().check(z.positive('memoryGib must be positive'), z.maximum(65_536)),
  gpuCount: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(64))),
  arch: z.optional(z.enum(['x86_64', 'arm64'])),
  diskGb: z.optional(z.number().check(z.minimum(0))),
});

export type NormalizedSpec = Required<VmSpec>;

export function normalizeSpec(spec: VmSpec): NormalizedSpec {
  const s = checkInput(VmSpecSchema, spec, 'VM spec');
  return { vcpu: s.vcpu, memoryGib: s.memoryGib, gpuCount: s.gpuCount ?? 0, arch: s.arch ?? 'x86_64', diskGb: s.diskGb ?? 0 };
}
