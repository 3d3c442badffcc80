import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors';
import type { TlsOptions } from '../config';

/** What undici's `connect` takes for TLS (a subset of node:tls ConnectionOptions). */
export interface TlsConnectOptions {
  ca?: string | Buffer | Array<string | Buffer>;
  cert?: string | Buffer;
  key?: string | Buffer;
  passphrase?: string;
  minVersion?: 'TLSv1.2' | 'TLSv1.3';
  servername?: string;
}

const VERSIONS = ['TLSv1.2', 'TLSv1.3'] as const;

const pem = (value: string | Uint8Array): string | Buffer => (typeof value === 'string' ? value : Buffer.from(value));

function readPem(variable: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ConfigError(variable, `cannot read "${file}" (${(error as { code?: string }).code ?? 'unreadable'})`);
  }
}

/**
 * TLS settings for the Node transport: options win over `NOVACRON_CA_FILE`,
 * `NOVACRON_CLIENT_CERT_FILE`, `NOVACRON_CLIENT_KEY_FILE` and `NOVACRON_TLS_MIN_VERSION`.
 * Undefined when nothing is set (Node's defaults: its CA bundle, TLS 1.2 or above). Node only:
 * it reads files, so it lives beside the undici transport and never in a browser bundle.
 */
export function resolveTls(options: TlsOptions | undefined, env: Record<string, string | undefined>): TlsConnectOptions | undefined {
  const out: TlsConnectOptions = {};
  const caFile = env['NOVACRON_CA_FILE'];
  const certFile = env['NOVACRON_CLIENT_CERT_FILE'];
  const keyFile = env['NOVACRON_CLIENT_KEY_FILE'];
  if (options?.ca !== undefined) out.ca = Array.isArray(options.ca) ? options.ca.map(pem) : pem(options.ca);
  else if (caFile) out.ca = readPem('NOVACRON_CA_FILE', caFile);
  if (options?.cert !== undefined) out.cert = pem(options.cert);
  else if (certFile) out.cert = readPem('NOVACRON_CLIENT_CERT_FILE', certFile);
  if (options?.key !== undefined) out.key = pem(options.key);
  else if (keyFile) out.key = readPem('NOVACRON_CLIENT_KEY_FILE', keyFile);
  if (options?.passphrase !== undefined) out.passphrase = options.passphrase;
  if (options?.servername !== undefined) out.servername = options.servername;
  const source = options?.minVersion !== undefined ? 'tls.minVersion' : 'NOVACRON_TLS_MIN_VERSION';
  const minVersion = options?.minVersion ?? (env['NOVACRON_TLS_MIN_VERSION'] || undefined);
  if (minVersion !== undefined) {
    if (!(VERSIONS as readonly string[]).includes(minVersion)) throw new ConfigError(source, `must be TLSv1.2 or TLSv1.3 (older versions are refused), got "${String(minVersion).slice(0, 20)}"`);
    out.minVersion = minVersion as TlsConnectOptions['minVersion'];
  }
  if ((out.cert === undefined) !== (out.key === undefined)) {
    throw new ConfigError(out.cert === undefined ? (certFile !== undefined ? 'NOVACRON_CLIENT_CERT_FILE' : 'tls.cert') : 'tls.key', 'a client certificate and its key go together: set both or neither');
  }
  return Object.keys(out).length === 0 ? undefined : out;
}
