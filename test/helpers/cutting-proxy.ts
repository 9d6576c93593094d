/**
 * A TCP proxy that cuts a connection the way a bad network does: once a server→client chunk contains
 * the marker, the client gets that chunk and then loses its connection, while the server's side stays
 * open and keeps being read (and thrown away). The server cannot tell: it believes everything it writes
 * afterwards, the final result included, reaches the client. That is the connection that "died
 * unnoticed" of issue 13 item 5.
 */
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

export class CuttingProxy {
  /** The next server→client chunk containing this text cuts its connection (then it is cleared). */
  marker: string | undefined;
  cuts = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly targetPort: number) {
    this.server = createServer((client) => this.pipe(client));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pipe(client: Socket): void {
    const upstream = tcpConnect(this.targetPort, '127.0.0.1');
    this.track(client);
    this.track(upstream);
    let cut = false;
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      if (cut) return; // The server's writes go nowhere, and it cannot know.
      const marker = this.marker;
      client.write(chunk);
      if (marker !== undefined && chunk.includes(marker)) {
        this.marker = undefined;
        this.cuts++;
        cut = true;
        client.end(() => client.destroy());
      }
    });
    // The client leaving (before a cut) closes the server's side as a real connection would.
    client.on('close', () => {
      if (!cut) upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
    client.on('error', () => {});
    upstream.on('error', () => {});
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }
}
