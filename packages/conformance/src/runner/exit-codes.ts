/**
 * The exit codes of check-server and check-client, a contract for CI scripts (documented in the package
 * README and in `--help`). Each outcome has its own code, so a pipeline can tell "the target broke a
 * MUST" from "the target never ran" from "the command line is wrong".
 */
export const EXIT = {
  /** Every MUST check passed (or failed only as the baseline expects). */
  ok: 0,
  /** A MUST check failed (and the baseline, if any, does not list it). */
  mustFailed: 1,
  /** The command line or a file it names is wrong (unknown option, bad --only id, unreadable baseline). */
  usage: 2,
  /** The target cannot be judged: it does not start, exits or stays silent, refuses the connection,
   * wants credentials, or is not an MCP endpoint. */
  targetUnavailable: 3,
  /** Nothing new failed, but baseline entries are stale: those checks pass now (remove them). */
  baselineStale: 4,
  /** The runner itself failed (a bug: please report it with the command line). */
  internal: 5,
} as const;

export const EXIT_CODES_HELP = `exit codes:
  0  no MUST check failed (with --baseline: only listed checks failed, and every listed check that ran
     still fails)
  1  a MUST check failed that the baseline does not list
  2  usage error: unknown option, bad value, unknown --only id, unreadable --baseline file
  3  the target cannot be judged: it does not start, exits or stays silent before answering, refuses the
     connection, requires a token, or is not an MCP endpoint (the reason is printed on stderr)
  4  nothing new failed, but baseline entries are stale (those checks pass now)
  5  internal error of the runner`;
