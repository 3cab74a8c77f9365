import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a real server (PostgreSQL), that a test cuts and restores: cut() drops every
 * open connection and refuses new ones, as a network failure or a restarting server would; restore() lets them
 * through again.
 */
export class TcpProxy {
  private readonly pairs = new Set<net.Socket>();
  private isCut = false;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(target: { readonly host: string; readonly port: number }): Promise<TcpProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const proxy = new TcpProxy(server, (server.address() as net.AddressInfo).port);
    server.on('connection', (client: net.Socket) => proxy.accept(client, target));
    return proxy;
  }

  private accept(client: net.Socket, target: { readonly host: string; readonly port: number }): void {
    if (this.isCut) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      this.pairs.add(socket);
      socket.on('error', () => undefined);
      socket.once('close', () => {
        this.pairs.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Drops every connection and refuses new ones. */
  cut(): void {
    this.isCut = true;
    for (const socket of this.pairs) socket.destroy();
  }

  restore(): void {
    this.isCut = false;
  }

  /** Connections open through the proxy right now (each counts its two sockets once). */
  get connections(): number {
    return this.pairs.size / 2;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
