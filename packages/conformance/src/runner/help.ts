/**
 * The help texts of check-server and check-client: the usage line lists every option, the option list
 * says what each does, and the exit codes are spelled out (./exit-codes.ts).
 */
import { EXIT_CODES_HELP } from './exit-codes.js';

const REPORT_OPTIONS = `report:
  --format human|json|junit|html  report format (default human); --json is the same as --format json
  --output FILE                   write the report to FILE instead of stdout
  --github                        also print GitHub Actions annotations (::error for failures,
                                  ::warning for warnings) on stdout, or on stderr when the report
                                  itself goes to stdout in a machine format
  --baseline FILE                 known failures, YAML or JSON (see the README): listed checks that fail
                                  do not fail the run; listed checks that pass make it exit 4 (stale)
  -h, --help                      this help`;

export const SERVER_USAGE =
  'usage: mcpwire-conformance check-server (--stdio "<command line>" | --url <url>) [--token T] ' +
  '[--token-b T] [--revision R ...] [--era legacy|modern|both] [--only ID,...] [--call-tools name,...] ' +
  '[--timeout ms] [--format human|json|junit|html] [--json] [--output FILE] [--github] [--baseline FILE] [--help]';

export const SERVER_HELP = `${SERVER_USAGE}

Judges an MCP server: the legacy handshake (2025-11-25 by default) and, when server/discover says the
server speaks it, 2026-07-28; every verdict with its spec reference and the messages as evidence.

target:
  --stdio "<command line>"        start the server and talk to it on stdin/stdout (no shell: quotes
                                  group words, nothing is expanded)
  --url <url>                     a Streamable HTTP endpoint; a URL ending in /sse (or one that answers
                                  400/404/405 and serves SSE on GET) is judged as 2024-11-05 HTTP+SSE
  --token T                       send "Authorization: Bearer T" on every HTTP request, and check
                                  that a request without a token or with an invalid one gets 401
                                  pointing to the resource metadata (Z01, Z02, Z03)
  --token-b T                     a second principal's token (with --token): check that a session
                                  opened with one token is refused with the other on POST, GET,
                                  Last-Event-ID resumption and DELETE (Z05)
what to run:
  --revision R                    revisions to run, repeatable or comma-separated (default: the latest
                                  legacy revision, and 2026-07-28 when the server speaks it)
  --era legacy|modern|both        which eras to run (default both)
  --only ID,...                   run only these checks (ids as in the report: J01, L02, ...)
  --call-tools name,...           tools the runner may call besides read-only and known fixture tools
  --timeout ms                    how long one request may take (default 10000)
${REPORT_OPTIONS}

${EXIT_CODES_HELP}`;

export const CLIENT_USAGE =
  'usage: mcpwire-conformance check-client --command "<command line>" [--transport stdio|http] ' +
  '[--revision R] [--probe-answer <code>|silent] [--timeout ms] [--format human|json|junit|html] [--json] ' +
  '[--output FILE] [--github] [--baseline FILE] [--help]';

export const CLIENT_HELP = `${CLIENT_USAGE}

Judges an MCP client: the runner plays the server and reports what the client did.

target:
  --command "<command line>"      the client to run; over stdio the runner serves it on its
                                  stdin/stdout, over http the server URL is appended as the last argument
  --transport stdio|http          how the client reaches the runner (default stdio)
  --revision R                    play a server of this revision only: a legacy revision plays a
                                  legacy-only server, 2026-07-28 a modern-only one (default: follow the client)
  --probe-answer <code>|silent    how a legacy-only server answers a server/discover probe: a JSON-RPC
                                  error code (default -32601) or silence
  --timeout ms                    how long the client may run (default 30000)
${REPORT_OPTIONS}

${EXIT_CODES_HELP}`;
