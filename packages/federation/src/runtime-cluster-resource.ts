import { requireId, type CoreClient, type RequestOptions } from '@novacron/core';
import * as z from 'zod/mini';
import { wireSchema } from './internal/wire-schema';
import { AdmissionSchema, RuntimeHealthSchema, runtimeHealthFromWire, type Admission, type RuntimeHealth } from './schemas/runtime-cluster-schema';

const RuntimeNodeSchema = z.looseObject({ id: z.string(), status: z.string() });
export type RuntimeNode = z.infer<typeof RuntimeNodeSchema>;

/** Upstream's node runtime cluster routes (`/api/cluster/*`): health and quorum, admissions, the selected cluster, nodes, leader. */
export class RuntimeClusterResource {
  constructor(private readonly core: CoreClient) {}

  async health(options?: RequestOptions): Promise<RuntimeHealth> {
    return runtimeHealthFromWire(await this.core.request({ method: 'GET', path: '/api/cluster/health', schema: wireSchema(RuntimeHealthSchema) }, options));
  }

  /** Admissions to every cluster, best first; the selected one has `selected: true`. */
  admissions(options?: RequestOptions): Promise<Admission[]> {
    return this.core.request({ method: 'GET', path: '/api/cluster/admissions', schema: wireSchema(z.array(AdmissionSchema)) }, options);
  }

  /** Makes `clusterId` the session's cluster; the answer is its admission. */
  async select(clusterId: string, options?: RequestOptions): Promise<Admission> {
    const answer = await this.core.request(
      { method: 'POST', path: '/api/cluster/admissions/select', body: { clusterId: requireId(clusterId, 'cluster id') }, schema: wireSchema(z.looseObject({ admission: AdmissionSchema })) },
      options,
    );
    return answer.admission;
  }

  nodes(options?: RequestOptions): Promise<RuntimeNode[]> {
    return this.core.request({ method: 'GET', path: '/api/cluster/nodes', schema: wireSchema(z.array(RuntimeNodeSchema)) }, options);
  }

  leader(options?: RequestOptions): Promise<{ id: string; status: string; scope: string }> {
    return this.core.request({ method: 'GET', path: '/api/cluster/leader', schema: wireSchema(z.object({ id: z.string(), status: z.string(), scope: z.string() })) }, options);
  }
}
