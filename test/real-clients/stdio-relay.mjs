// Joins a stdio client transport that spawns its server (like @ai-sdk/mcp's StdioMCPTransport) to the
// stdin/stdout check-client gave the client process: `node stdio-relay.mjs <socket path>` connects to a
// local socket the client process serves with its own stdin/stdout (see relayStdio in ./ai-sdk-client.mjs)
// and copies bytes both ways. Nothing is parsed, so the framing judged is the client transport's own.
import { connect } from 'node:net';

const socket = connect(process.argv[2]);
socket.pipe(process.stdout);
process.stdin.pipe(socket);
socket.on('close', () => process.exit(0));
process.stdin.on('end', () => socket.end());
