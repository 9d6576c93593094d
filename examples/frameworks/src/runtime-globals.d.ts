// The little of Bun's and Deno's globals the recipes use, for the repository's typecheck (Node types
// only). In a Bun or Deno project their own types take this file's place.
declare const Bun: {
  env: Record<string, string | undefined>;
  serve(options: {
    hostname?: string;
    port?: number;
    /** Seconds a connection may stay silent before Bun closes it (default 10). */
    idleTimeout?: number;
    fetch: (request: Request, server: unknown) => Response | Promise<Response>;
  }): { port: number; stop(force?: boolean): Promise<void> };
};

declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(
    options: { hostname?: string; port?: number; onListen?: (address: { port: number }) => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): { finished: Promise<void> };
};
