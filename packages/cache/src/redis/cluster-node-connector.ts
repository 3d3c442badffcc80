import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { AbstractConnector, type Cluster, type RedisOptions } from 'ioredis';

type NetStream = Awaited<ReturnType<AbstractConnector['connect']>>;
type ConnectorClass = NonNullable<RedisOptions['Connector']>;

/**
 * A connector for a plain connection that may land on any node of `cluster`, moving to the next
 * node on every reconnect.
 *
 * Why: ioredis' own Cluster subscriber silently moves to another node when its node dies and
 * emits nothing, so the bus could not know it missed messages and would never replay them. A
 * plain connection reports `close` and `ready` like any other, and the bus replays its stream on
 * `ready`. Regular (not sharded) pub/sub reaches every node of a cluster, so any master will do.
 */
export function clusterNodeConnector(cluster: Cluster): ConnectorClass {
  let next = 0;
  const pick = async (waitMs: number): Promise<{ host: string; port: number }> => {
    let nodes = cluster.nodes('master');
    if (nodes.length === 0) {
      // Not connected yet: wait for the first node the cluster client discovers.
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          cluster.off('+node', added);
          reject(new Error('no Redis Cluster node is known yet'));
        }, waitMs);
        const added = () => {
          clearTimeout(timer);
          resolve();
        };
        cluster.once('+node', added);
      });
      nodes = cluster.nodes('master');
    }
    const node = nodes[next++ % nodes.length];
    if (!node) throw new Error('no Redis Cluster node is known');
    return { host: node.options.host ?? '127.0.0.1', port: node.options.port ?? 6379 };
  };

  return class ClusterNodeConnector extends AbstractConnector {
    private readonly options: RedisOptions;

    constructor(options: unknown) {
      const redisOptions = options as RedisOptions;
      super(redisOptions.disconnectTimeout ?? 2_000);
      this.options = redisOptions;
    }

    async connect(): Promise<NetStream> {
      this.connecting = true;
      const address = await pick(this.options.connectTimeout ?? 10_000);
      if (!this.connecting) throw new Error('Connection is closed.');
      const stream = this.options.tls ? tlsConnect({ ...address, ...this.options.tls }) : netConnect(address);
      stream.once('error', (error: Error) => {
        this.firstError = error;
      });
      this.stream = stream;
      return stream;
    }
  };
}
