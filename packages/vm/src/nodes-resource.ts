import { requireId, type CoreClient, type PagePromise, type RequestOptions } from '@novacron/core';
import * as z from 'zod/mini';
import { NodeWireSchema, nodeFromWire, type Node } from './schemas';

/** The hypervisor hosts VMs run on, with their capacity. */
export class NodesResource {
  constructor(private readonly core: CoreClient) {}

  list(options?: RequestOptions): PagePromise<Node> {
    return this.core.list({ method: 'GET', path: '/nodes', schema: z.array(NodeWireSchema) }, nodeFromWire, options);
  }

  async get(id: string, options?: RequestOptions): Promise<Node> {
    return nodeFromWire(await this.core.request({ method: 'GET', path: '/nodes/{id}', params: { id: requireId(id, 'node id') }, schema: NodeWireSchema }, options));
  }
}
