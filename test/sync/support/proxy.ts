// A TCP proxy between the engine and Dovecot, to cut and restore the connection mid-sync: the fault tests cannot
// restart the shared stack's Dovecot (other engineers' tests use it), and from the client's side a restart is exactly
// this — every connection dropped, new ones refused for a while, then accepted again.
import { createServer, connect, type Server, type Socket } from 'node:net';

export class TcpProxy {
  readonly targetHost: string;
  readonly targetPort: number;
  port = 0;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  /** Bytes passed from the server to the client, to cut at a chosen point of a transfer. */
  bytesDown = 0;
  /** Writes from the client: on an open loopback session, one per IMAP command (round trips, roughly). */
  writesUp = 0;

  constructor(targetHost: string, targetPort: number) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  async start(port = 0): Promise<number> {
    const server = createServer((client) => {
      const upstream = connect({ host: this.targetHost, port: this.targetPort });
      this.sockets.add(client);
      this.sockets.add(upstream);
      upstream.on('data', (d: Buffer) => {
        this.bytesDown += d.length;
      });
      client.on('data', () => {
        this.writesUp++;
      });
      client.pipe(upstream);
      upstream.pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', end);
      upstream.on('error', end);
      client.on('close', end);
      upstream.on('close', end);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const addr = server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : port;
    return this.port;
  }

  /** Drops every connection and refuses new ones (the port is closed). */
  async cut(): Promise<void> {
    const s = this.server;
    this.server = null;
    for (const sock of this.sockets) sock.destroy();
    this.sockets.clear();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** Accepts connections again on the same port. */
  async restore(): Promise<void> {
    await this.start(this.port);
  }

  async stop(): Promise<void> {
    await this.cut();
  }
}
