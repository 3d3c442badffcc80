import { NodeWireSchema } from '@novacron/vm';
import * as z from 'zod';
import { notFound } from '../http/http-error';
import { paginatedReply, paginationQuery } from '../http/pagination';
import { defineRoute, type RouteDefinition } from '../http/route-definition';
import { resourceReply } from './resource-headers';

const NodeListQuerySchema = z.object({ ...paginationQuery });

export const nodeRoutes: RouteDefinition[] = [
  defineRoute<undefined, z.infer<typeof NodeListQuerySchema>>({
    method: 'GET',
    path: '/nodes',
    mount: 'api',
    access: 'viewer',
    operationId: 'listNodes',
    summary: 'List the hypervisor nodes with their capacity and use',
    tag: 'nodes',
    query: NodeListQuerySchema,
    responses: { 200: { description: 'a page of nodes', schema: NodeWireSchema, paginated: true } },
    handle: ({ world, query }) => paginatedReply(world.nodes.list(), query),
  }),
  defineRoute({
    method: 'GET',
    path: '/nodes/{id}',
    mount: 'api',
    access: 'viewer',
    operationId: 'getNode',
    summary: 'Get a node',
    tag: 'nodes',
    responses: { 200: { description: 'the node', schema: NodeWireSchema, headers: ['ETag'] } },
    handle: ({ world, params, headers }) => {
      const node = world.nodes.get(params.id!);
      if (!node) throw notFound('node');
      return resourceReply(200, node, headers['if-none-match']);
    },
  }),
];
