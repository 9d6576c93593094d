/**
 * The official conformance suite's server scenarios (all 32, same verdict and baseline as against one
 * fixture server, see test/official/server-suite.test.ts) against three fixture servers on one Redis
 * behind HAProxy round robin: each scenario's requests are spread over the three processes, so sessions,
 * sampling and elicitation answers, the SSE polling resume and DNS-rebinding checks all cross processes.
 */
import { describe, expect, it } from 'vitest';
import { expectServerSuitePasses } from '../official/server-suite-verdict.js';
import { useCluster } from './cluster.js';

const cluster = useCluster(3);

describe('official server scenarios through a round-robin balancer over three processes', () => {
  it('passes every scenario as one process does', { timeout: 120_000 }, async () => {
    // The dns-rebinding scenario needs a loopback URL: HAProxy listens on 127.0.0.1.
    expect(cluster.mcpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    await expectServerSuitePasses(cluster.mcpUrl);
  });
});
