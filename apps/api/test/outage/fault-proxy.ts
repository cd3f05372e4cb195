// A TCP proxy between the API's pool and PostgreSQL that a test can break: `cut()` resets every
// connection through it and stops listening (a port where nothing listens: ECONNREFUSED, and
// "Connection terminated" mid-transaction), `restore()` listens again on the same port. The
// faults are real socket faults, and they touch no one else's connections on a shared server.
import net from 'node:net';

export interface FaultProxy {
  port: number;
  /** Resets every open connection and stops listening. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a proxy on a free local port that forwards to `target`.
 *
 * @example
 * const proxy = await startFaultProxy({ host: '127.0.0.1', port: 5432 });
 * await proxy.cut(); ... await proxy.restore();
 */
export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const sockets = new Set<net.Socket>();
  let port = 0;
  let server: net.Server | undefined;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          // A reset on one side is the fault under test: pass it on, never throw.
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream);
        upstream.pipe(client);
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        port = (next.address() as net.AddressInfo).port;
        server = next;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      const current = server;
      server = undefined;
      for (const socket of sockets) socket.resetAndDestroy();
      if (current === undefined) resolve();
      else current.close(() => resolve());
    });

  await listen();
  return {
    get port() {
      return port;
    },
    cut: stop,
    restore: listen,
    close: stop,
  };
}
