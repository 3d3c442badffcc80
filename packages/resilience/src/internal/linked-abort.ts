import { abortErrorFrom } from '@novacron/core';

/**
 * A child AbortController that also aborts when `parent` does. `dispose()` removes the listener
 * on the parent, so a long-lived parent signal does not collect one listener per call.
 */
export interface LinkedAbort {
  readonly controller: AbortController;
  dispose(): void;
}

export function linkAbort(parent: AbortSignal | undefined, onParentAbort?: () => void): LinkedAbort {
  const controller = new AbortController();
  if (!parent) return { controller, dispose: noop };
  if (parent.aborted) {
    controller.abort(abortErrorFrom(parent));
    return { controller, dispose: noop };
  }
  const listener = () => {
    controller.abort(abortErrorFrom(parent));
    onParentAbort?.();
  };
  parent.addEventListener('abort', listener, { once: true });
  return { controller, dispose: () => parent.removeEventListener('abort', listener) };
}

function noop(): void {}
