/**
 * A TCP proxy for resumption tests: it forwards bytes both ways and, once armed with a marker, cuts the
 * connection whose server→client bytes contain it, the hard way (no chunked terminator, no FIN from the
 * server). `at: 'after'` delivers the whole chunk with the marker first (the event arrived, then the
 * connection died); `at: 'inside'` delivers only the bytes before the marker (the connection died in the
 * middle of an event: its `id:` line arrived, its data did not). `serverSide: 'keep'` leaves the server's side
 * open after a cut and throws away what it still writes: the server cannot tell that the client is gone
 * and believes the rest (the result included) was delivered, the connection that "died unnoticed".
 */
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

export class CuttingProxy {
  readonly server: Server;
  marker: string | undefined;
  at: 'after' | 'inside' = 'after';
  serverSide: 'close' | 'keep' = 'close';
  cuts = 0;
  private readonly sockets = new Set<Socket>();

  constructor(targetPort: number) {
    this.server = createServer((client) => {
      const upstream = tcpConnect(targetPort, '127.0.0.1');
      this.track(client);
      this.track(upstream);
      let cut = false;
      client.on('data', (chunk) => upstream.write(chunk));
      upstream.on('data', (chunk: Buffer) => {
        if (cut) return; // Kept open after a cut: the server's writes go nowhere.
        const marker = this.marker;
        const index = marker === undefined ? -1 : chunk.indexOf(marker);
        if (index < 0) {
          client.write(chunk);
          return;
        }
        this.marker = undefined;
        this.cuts++;
        const delivered = this.at === 'after' ? chunk : chunk.subarray(0, index);
        const keepServer = this.serverSide === 'keep';
        cut = true;
        client.write(delivered, () => {
          client.destroy();
          if (!keepServer) upstream.destroy();
        });
      });
      client.on('close', () => {
        if (!cut || this.serverSide === 'close') upstream.destroy();
      });
      upstream.on('close', () => client.destroy());
      client.on('error', () => {});
      upstream.on('error', () => {});
    });
  }

  /** Cuts the next connection whose server bytes contain `marker`, `at` that place. */
  arm(marker: string, at: 'after' | 'inside' = 'after', serverSide: 'close' | 'keep' = 'close'): void {
    this.marker = marker;
    this.at = at;
    this.serverSide = serverSide;
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
