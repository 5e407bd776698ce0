import type { Server } from 'node:http';
import type { Express } from 'express';

export type RunningServer = {
  server: Server;
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to timeoutMs), then closes what is left. */
  close(timeoutMs: number): Promise<void>;
};

export const listen = (app: Express, port: number, host: string): Promise<RunningServer> =>
  new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => {
      if (error) {
        reject(error);
        return;
      }
      const address = server.address();
      resolve({
        server,
        port: typeof address === 'object' && address ? address.port : port,
        close: (timeoutMs) =>
          new Promise<void>((done) => {
            const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
            server.close(() => {
              clearTimeout(timer);
              done();
            });
            // Keep-alive sockets with no request in flight would otherwise hold close() open until they time out.
            server.closeIdleConnections();
          }),
      });
    });
    server.on('error', reject);
  });
