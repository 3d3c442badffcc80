import { APIError, Pipeline, RetryPolicy, type NovaRequest, type NovaResponse } from '../src';
import { RequestHeadersPolicy } from '../src/policies/request-headers-policy';

describe('RetryPolicy', () => {
  it('gives every attempt its own request: a later attempt does not change what an earlier one sent or answered', async () => {
    const seen: NovaRequest[] = [];
    const sentHeaders: Array<Record<string, string>> = [];
    const transport = async (req: NovaRequest): Promise<NovaResponse> => {
      seen.push(req);
      sentHeaders.push({ ...req.headers });
      req.context['perAttempt'] = seen.length;
      if (seen.length === 1) throw APIError.fromStatus('503 busy', { status: 503 });
      return { status: 200, headers: {}, body: seen.length, requestId: 'srv', request: req };
    };
    const pipeline = new Pipeline(transport)
      .add(new RetryPolicy({ maxRetries: 2, sleep: async () => undefined }), { phase: 'retry' })
      .add(new RequestHeadersPolicy(), { phase: 'perRetry' });
    const logical: NovaRequest = { method: 'GET', path: '/x', route: 'GET /x', headers: { a: '1' }, authenticate: false, attempt: 1, requestId: 'r', context: {} };
    const response = await pipeline.send(logical);

    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
    expect(seen[0]!.headers).not.toBe(seen[1]!.headers);
    expect(seen[0]!.context).not.toBe(seen[1]!.context);
    // What attempt 1 carried is what it sent, not what attempt 2 wrote afterwards.
    expect(seen[0]!.headers).toEqual(sentHeaders[0]);
    expect(seen[0]!.headers['x-novacron-retry-count']).toBeUndefined();
    expect(seen[0]!.context['perAttempt']).toBe(1);
    expect(sentHeaders[1]!['x-novacron-retry-count']).toBe('1');
    expect(response.request.attempt).toBe(2);
    // The caller's own request is left as it was given, apart from the attempt count the loop keeps.
    expect(logical.headers).toEqual({ a: '1' });
    expect(logical.context).toEqual({});
    expect(logical.attempt).toBe(2);
  });
});
