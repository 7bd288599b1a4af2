// A TCP proxy in front of PostgreSQL, to take "the database" away and bring it back without touching the server other
// tests share: down() is a restart seen from the app (every connection cut, new ones refused), silence() a network
// that stops answering, up() the database back on the same address.
import { createServer, connect, type Server, type Socket } from 'node:net';

export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private silent = false;
  port = 0;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  static async start(target: URL): Promise<TcpProxy> {
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.up();
    return proxy;
  }

  /** The same URL, through the proxy. */
  url(target: string): string {
    const url = new URL(target);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  async up(): Promise<void> {
    // What was stuck behind the silence does not come back: those connections are lost, as after a partition.
    if (this.silent) for (const socket of this.sockets) socket.destroy();
    this.silent = false;
    if (this.server) return;
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Refuses new connections and cuts every open one, as a PostgreSQL restart does. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Accepts connections and keeps the open ones, but nothing goes through any more in either direction. */
  silence(): void {
    this.silent = true;
    for (const socket of this.sockets) socket.pause();
  }

  private accept(client: Socket) {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    if (this.silent) {
      client.pause();
      return;
    }
    const upstream = connect(this.targetPort, this.targetHost);
    this.sockets.add(upstream);
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    client.on('data', (chunk) => {
      if (!this.silent) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!this.silent) client.write(chunk);
    });
  }
}
