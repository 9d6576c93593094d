/** The 2025-03-26 proxy authorization flow against one server-as-AS with the default memory store. */
import { createProxyAuthorizationServer } from '@mcpwire/auth/server';
import { proxyFlowSuite } from './helpers/proxy-flow-suite.js';

proxyFlowSuite('one instance in memory', (options) => [createProxyAuthorizationServer(options)]);
