/**
 * A TCP proxy for resumption tests: it forwards bytes both ways and, once armed with a marker, cuts the
 * connection whose server→client bytes contain it, the hard way (no chunked terminator, no FIN from the
 * server). `at: 'after'` delivers the whole chunk with the marker first (the event arrived, then the
 * connection died); `at: 'inside'` delivers only the bytes before the marker (the connection died in the
 * middle of an event: its `id:` line arrived, its data did not).
 */
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

export class CuttingProxy {
  readonly server: Server;
  marker: string | undefined;
  at: 'after' | 'inside' = 'after';
  cuts = 0;
  private readonly sockets = new Set<Socket>();

  constructor(targetPort: number) {
    this.server = createServer((client) => {
      const upstream = tcpConnect(targetPort, '127.0.0.1');
      this.track(client);
      this.track(upstream);
      client.on('data', (chunk) => upstream.write(chunk));
      upstream.on('data', (chunk: Buffer) => {
        const marker = this.marker;
        const index = marker === undefined ? -1 : chunk.indexOf(marker);
        if (index < 0) {
          client.write(chunk);
          return;
        }
        this.marker = undefined;
        this.cuts++;
        const delivered = this.at === 'after' ? chunk : chunk.subarray(0, index);
        client.write(delivered, () => {
          client.destroy();
          upstream.destroy();
        });
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.on('error', () => {});
      upstream.on('error', () => {});
    });
  }

  /** Cuts the next connection whose server bytes contain `marker`, `at` that place. */
  arm(marker: string, at: 'after' | 'inside' = 'after'): void {
    this.marker = marker;
    this.at = at;
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
