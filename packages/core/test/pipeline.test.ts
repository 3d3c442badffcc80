import { Pipeline, type NovaRequest, type NovaResponse, type Policy } from '../src';

function request(): NovaRequest {
  return { method: 'GET', path: '/x', route: 'GET /x', headers: {}, authenticate: false, attempt: 1, requestId: 'r', context: {} };
}

function tracer(name: string, trail: string[]): Policy {
  return {
    name,
    async send(req, next) {
      trail.push(`>${name}`);
      const res = await next(req);
      trail.push(`<${name}`);
      return res;
    },
  };
}

describe('Pipeline', () => {
  const transport = async (req: NovaRequest): Promise<NovaResponse> => ({ status: 200, headers: {}, body: 'ok', requestId: undefined, request: req });

  it('orders policies by phase, whatever order they were added in', async () => {
    const trail: string[] = [];
    const pipeline = new Pipeline(transport)
      .add(tracer('auth', trail), { phase: 'perRetry' })
      .add(tracer('retry', trail), { phase: 'retry' })
      .add(tracer('cache', trail), { phase: 'perCall' })
      .add(tracer('validate', trail), { phase: 'perCall' });
    expect(pipeline.list().map((p) => p.name)).toEqual(['cache', 'validate', 'retry', 'auth']);
    await pipeline.send(request());
    expect(trail).toEqual(['>cache', '>validate', '>retry', '>auth', '<auth', '<retry', '<validate', '<cache']);
  });

  it('adds before and after a named policy, removes and replaces by name', async () => {
    const trail: string[] = [];
    const pipeline = new Pipeline(transport).add(tracer('a', trail), { phase: 'perCall' }).add(tracer('c', trail), { phase: 'perRetry' });
    pipeline.add(tracer('b', trail), { before: 'c' });
    pipeline.add(tracer('d', trail), { after: 'c' });
    expect(pipeline.list()).toEqual([
      { name: 'a', phase: 'perCall' },
      { name: 'b', phase: 'perRetry' },
      { name: 'c', phase: 'perRetry' },
      { name: 'd', phase: 'perRetry' },
    ]);
    pipeline.remove('b');
    pipeline.replace('d', tracer('d2', trail));
    await pipeline.send(request());
    expect(trail).toEqual(['>a', '>c', '>d2', '<d2', '<c', '<a']);
    expect(() => pipeline.add(tracer('a', trail))).toThrow(/already/);
    expect(() => pipeline.add(tracer('z', trail), { before: 'nope' })).toThrow(/No policy/);
  });
});
