import { MockAgent } from 'undici';
import { ConfigError, CoreClient } from '../src';
import { resolveSettings } from '../src/config';

describe('resolveSettings', () => {
  it('takes options over environment over defaults', () => {
    const env = { NOVACRON_API_URL: 'http://env:1', NOVACRON_TIMEOUT: '1234', NOVACRON_LOG_LEVEL: 'debug' };
    const settings = resolveSettings({ env, timeout: 99 });
    expect(settings.baseUrl).toBe('http://env:1');
    expect(settings.timeout).toBe(99);
    expect(settings.logLevel).toBe('debug');
    expect(settings.maxRetries).toBe(2);
    expect(resolveSettings({ env: {} }).baseUrl).toBe('http://localhost:8090');
  });

  it.each([
    [{ env: { NOVACRON_TIMEOUT: 'soon' } }, 'NOVACRON_TIMEOUT'],
    [{ env: { NOVACRON_TIMEOUT: '-5' } }, 'NOVACRON_TIMEOUT'],
    [{ env: { NOVACRON_LOG_LEVEL: 'loud' } }, 'NOVACRON_LOG_LEVEL'],
    [{ env: { NOVACRON_API_URL: 'not a url' } }, 'NOVACRON_API_URL'],
    [{ env: {}, maxRetries: 11 }, 'maxRetries'],
    [{ env: {}, baseUrl: 'ftp://x' }, 'baseUrl'],
    [{ env: {}, password: 'p' }, 'password'],
  ])('rejects a bad value and names the setting: %j', (options, setting) => {
    let error: unknown;
    try {
      resolveSettings(options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe(setting);
    expect((error as ConfigError).message).toContain(setting);
  });

  it('never echoes a secret value in the error', () => {
    expect(() => resolveSettings({ env: {}, token: '' })).toThrow(ConfigError);
    try {
      resolveSettings({ env: { NOVACRON_PASSWORD: 'hunter2-secret' } });
    } catch (e) {
      expect(String((e as Error).message)).not.toContain('hunter2');
    }
  });

  it('fails in the constructor, before any request can be made', () => {
    const transport = jest.fn();
    expect(() => new CoreClient({ env: { NOVACRON_MAX_RETRIES: 'many' }, transport })).toThrow(ConfigError);
    expect(transport).not.toHaveBeenCalled();
  });
});

describe('the dispatcher option', () => {
  it('takes an undici Dispatcher, and only a Dispatcher, for the Node transport', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('http://mocked.test').intercept({ path: '/health', method: 'GET' }).reply(200, { status: 'healthy' }, { headers: { 'content-type': 'application/json' } });
    const client = new CoreClient({ baseUrl: 'http://mocked.test', dispatcher: agent, env: {} });
    await expect(client.request({ method: 'GET', path: '/health', authenticate: false })).resolves.toEqual({ status: 'healthy' });
    // @ts-expect-error -- anything but a Dispatcher is refused at compile time
    const wrong: ConstructorParameters<typeof CoreClient>[0] = { dispatcher: 42 };
    expect(wrong).toBeDefined();
    await agent.close();
  });
});
