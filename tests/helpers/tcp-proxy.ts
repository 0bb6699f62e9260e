import { createServer, type Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** What the proxy does with traffic; switch with `proxy.mode = …` at any time. */
export type ProxyMode =
  /** Forwards every byte both ways. */
  | 'pass'
  /** Resets new connections at once (as a stopped server or a firewall REJECT does); existing ones keep working. */
  | 'refuse'
  /** A network partition: new connections are accepted but never answered, bytes on existing ones are held back. */
  | 'blackhole';

export interface TcpProxy {
  /** `postgresql://…` URL of `targetUrl` with host and port replaced by the proxy's. */
  readonly url: string;
  readonly port: number;
  mode: ProxyMode;
  /** Destroys every connection open through the proxy (both sides), as a restarted server or router does. */
  cut(): void;
  /** Connections currently open through the proxy. */
  readonly openConnections: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 in front of a PostgreSQL server, for fault tests: it can refuse, cut and
 * black-hole connections without touching the server, which other tests share.
 */
export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const targetHost = target.hostname;
  const targetPort = Number(target.port || 5432);
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  const held: Socket[] = [];
  let mode: ProxyMode = 'pass';

  const connect = (client: Socket) => {
    const upstream = new Socket();
    const pair = { client, upstream };
    pairs.add(pair);
    upstream.on('error', () => client.destroy());
    upstream.connect(targetPort, targetHost);
    client.pipe(upstream);
    upstream.pipe(client);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', drop);
    upstream.on('close', drop);
  };

  const server: Server = createServer((client) => {
    client.on('error', () => {});
    if (mode === 'refuse') client.resetAndDestroy();
    // Accepted and never answered, as after a lost SYN-ACK path: the client waits for the server.
    else if (mode === 'blackhole') held.push(client);
    else connect(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    url: url.toString(),
    port,
    get mode() {
      return mode;
    },
    set mode(next: ProxyMode) {
      const wasBlackhole = mode === 'blackhole';
      mode = next;
      if (wasBlackhole === (next === 'blackhole')) return;
      // A partition stops the bytes in flight without losing them (TCP retransmits); so do paused sockets.
      for (const { client, upstream } of pairs) {
        if (next === 'blackhole') {
          client.unpipe(upstream);
          upstream.unpipe(client);
          client.pause();
          upstream.pause();
        } else {
          client.pipe(upstream);
          upstream.pipe(client);
        }
      }
      if (next !== 'blackhole') for (const socket of held.splice(0)) if (next === 'pass') connect(socket); else socket.resetAndDestroy();
    },
    cut() {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    get openConnections() {
      return pairs.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of held.splice(0)) socket.destroy();
        for (const { client, upstream } of pairs) {
          client.destroy();
          upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
