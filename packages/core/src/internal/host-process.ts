/**
 * Node's `process`, when the code runs where there is one. Shared (browser-reachable) modules read
 * it only through here, so they compile without Node's types (tsconfig.browser.json) and still
 * see the environment and runtime in Node.
 */
export interface HostProcess {
  env: Record<string, string | undefined>;
  versions?: { node?: string };
  platform?: string;
  arch?: string;
}

export function hostProcess(): HostProcess | undefined {
  return (globalThis as { process?: HostProcess }).process;
}
