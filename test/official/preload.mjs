// Preloaded (node --import) into the official conformance tool and into third-party servers started by tests
// (server-everything listens on all interfaces by default):
// 1. On Node < 22, map its `fs` import to a module that adds globSync (see resolve-hooks.mjs).
// 2. Keep its scenario servers on loopback. They call `listen(0)` (all interfaces) and read `address()`
//    synchronously right after, so passing a host (which resolves asynchronously) would break them. Instead a
//    port-only listen binds 127.0.0.1 synchronously through the server's own listen-handle setup.
import { register } from 'node:module';
import net from 'node:net';

if (Number(process.versions.node.split('.')[0]) < 22) {
  register('./resolve-hooks.mjs', import.meta.url);
}

const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const port = typeof args[0] === 'string' && /^\d+$/.test(args[0]) ? Number(args[0]) : args[0];
  const portOnly = typeof port === 'number' && args.slice(1).every((arg) => typeof arg === 'function');
  if (!portOnly || typeof this._listen2 !== 'function') return originalListen.apply(this, args);
  const callback = args.find((arg) => typeof arg === 'function');
  if (callback) this.once('listening', callback);
  this._listen2('127.0.0.1', port, 4, 511);
  return this;
};
