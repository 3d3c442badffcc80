import { hostProcess } from './host-process';

declare const __PACKAGE_VERSION__: string | undefined;

export const SDK_VERSION: string = typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-dev';

/** `novacron-sdk-js/<ver> node/<ver> <os>-<arch> [appInfo]`; the runtime part is left out in browsers. */
export function userAgent(appInfo?: string): string {
  const parts = [`novacron-sdk-js/${SDK_VERSION}`];
  const host = hostProcess();
  if (host?.versions?.node) parts.push(`node/${host.versions.node}`, `${host.platform}-${host.arch}`);
  if (appInfo) parts.push(appInfo);
  return parts.join(' ');
}
