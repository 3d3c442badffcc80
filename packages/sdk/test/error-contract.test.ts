import * as cacheModule from '@novacron/cache';
import * as coreModule from '@novacron/core';
import * as eventsModule from '@novacron/events';
import * as resilienceModule from '@novacron/resilience';
import { NovaCronError, Pipeline, ValidationError } from '@novacron/core';
import { simulatorSession } from './support/simulator-session';

type ErrorClass = abstract new (...args: never[]) => NovaCronError;

/** Every error class the SDK's packages export, found by walking their exports. */
function errorClasses(): Map<string, ErrorClass> {
  const found = new Map<string, ErrorClass>();
  for (const module of [coreModule, cacheModule, eventsModule, resilienceModule]) {
    for (const [name, value] of Object.entries(module)) {
      if (typeof value !== 'function') continue;
      if (value === NovaCronError || Object.prototype.isPrototypeOf.call(NovaCronError.prototype, (value as { prototype: object }).prototype)) {
        found.set(name, value as ErrorClass);
      }
    }
  }
  return found;
}

/** One instance of a class, built with arguments its constructor accepts. */
function instanceOf(name: string, Ctor: ErrorClass): NovaCronError {
  const C = Ctor as unknown as new (...args: unknown[]) => NovaCronError;
  switch (name) {
    case 'ConfigError':
      return new C('timeout', 'must be positive');
    case 'OriginUnavailableError':
      return new C('key');
    case 'FactoryTimeoutError':
      return new C('key', 10);
    case 'EventOverflowError':
      return new C(10);
    case 'BulkheadRejectedError':
      return new C('group', 1, 1);
    case 'RateLimiterRejectedError':
      return new C(10, 5);
    default:
      return new C('message', { status: 500 });
  }
}

describe('the error contract', () => {
  const session = simulatorSession();

  it('instanceof matches exactly the class and its ancestors, for every error class (and for a subclass that declares no kind)', () => {
    const classes = errorClasses();
    class AppError extends coreModule.NotFoundError {}
    class AppOtherError extends coreModule.NotFoundError {}
    classes.set('AppError', AppError);
    classes.set('AppOtherError', AppOtherError);
    expect(classes.size).toBeGreaterThanOrEqual(28);
    const mismatches: string[] = [];
    for (const [made, Made] of classes) {
      const error = instanceOf(made, Made);
      expect(error).toBeInstanceOf(Error);
      for (const [checked, Checked] of classes) {
        const expected = Made === Checked || Object.prototype.isPrototypeOf.call(Checked.prototype, Made.prototype);
        if ((error instanceof Checked) !== expected) mismatches.push(`${made} instanceof ${checked} should be ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(new AppError('x', { status: 404 }).name).toBe('AppError');
  });

  it('every public method reports bad input as a rejected promise, never a synchronous throw, and sends nothing', async () => {
    const { client, sim } = session;
    await client.nodes.list();
    sim.controls.resetStats();
    const calls: Record<string, () => PromiseLike<unknown>> = {
      'vms.list': () => client.vms.list({ pageSize: 0 }),
      'vms.get': () => client.vms.get(''),
      'vms.create': () => client.vms.create({ name: 'has spaces' }),
      'vms.update': () => client.vms.update('vm-1', {}),
      'vms.delete': () => client.vms.delete('../x'),
      'vms.start': () => client.vms.start(''),
      'vms.stop': () => client.vms.stop(''),
      'vms.restart': () => client.vms.restart(''),
      'vms.pause': () => client.vms.pause(''),
      'vms.resume': () => client.vms.resume(''),
      'vms.metrics': () => client.vms.metrics(''),
      'vms.metricsHistory': () => client.vms.metricsHistory('vm-1', { stepSeconds: -1 }),
      'vms.waitForState': () => client.vms.waitForState('', 'running'),
      'vms.waitUntilDeleted': () => client.vms.waitUntilDeleted(''),
      'migrations.start': () => client.migrations.start('', { targetNodeId: 'n' }),
      'migrations.get': () => client.migrations.get(''),
      'migrations.list': () => client.migrations.list({ pageSize: -1 }),
      'migrations.cancel': () => client.migrations.cancel(''),
      'migrations.wait': () => client.migrations.wait(''),
      'nodes.get': () => client.nodes.get(''),
      'networks.get': () => client.networks.get(''),
      'networks.create': () => client.networks.create({} as never),
      'networks.delete': () => client.networks.delete(''),
      'interfaces.list': () => client.interfaces.list(''),
      'interfaces.get': () => client.interfaces.get('', ''),
      'interfaces.attach': () => client.interfaces.attach('', {} as never),
      'interfaces.update': () => client.interfaces.update('', '', {}),
      'interfaces.detach': () => client.interfaces.detach('', ''),
    };
    const problems: string[] = [];
    for (const [name, call] of Object.entries(calls)) {
      let result: PromiseLike<unknown>;
      try {
        result = call();
      } catch (error) {
        problems.push(`${name} threw synchronously: ${String(error)}`);
        continue;
      }
      const outcome = await Promise.resolve(result).then(
        () => 'resolved',
        (error: unknown) => error,
      );
      if (!(outcome instanceof ValidationError)) problems.push(`${name} ended with ${String(outcome)}`);
    }
    expect(problems).toEqual([]);
    expect(sim.controls.stats().requests).toBe(0);
  });

  it('pipeline misuse is a typed error', () => {
    const pipeline = new Pipeline(async () => {
      throw new Error('unused');
    }).add({ name: 'a', send: (r, next) => next(r) });
    const misuse = [
      () => pipeline.add({ name: 'a', send: (r, next) => next(r) }),
      () => pipeline.add({ name: 'b', send: (r, next) => next(r) }, { before: 'nope' }),
      () => pipeline.replace('nope', { name: 'c', send: (r, next) => next(r) }),
    ];
    for (const act of misuse) expect(act).toThrow(ValidationError);
  });
});
