/** Help texts: `mcpwire --help`, `mcpwire <command> --help`. */

const TARGETS = `Target (one of):
  --stdio "<command line>"   start the server and talk over stdin/stdout (quotes and \\ escapes as in a shell)
  --url <url>                a Streamable HTTP server (falls back to HTTP+SSE for old servers)
  --config <file> --server <name>
                             a server from an mcpServers JSON file (Claude Desktop, Cursor format)`;

const COMMON = `Options (before or after the command words):
  --json             print one JSON document (for scripts)
  --timeout <ms>     per-request timeout (default 60000; progress resets it for tools call;
                     it also bounds the server/discover probe, 5000 by default)
  --revision <rev>   speak exactly this protocol revision (default: probe, then fall back)
  --header "N: v"    extra HTTP header (repeatable, --url only)
  --verbose          pass the server's stderr through; print progress lines when not on a TTY
  -h, --help         this help`;

export const HELP: Record<string, string> = {
  '': `mcpwire — talk to any MCP server from a shell

Usage: mcpwire <command> [options]

Commands:
  info                       server name and version, negotiated revision, era, capabilities, instructions
  tools list                 the server's tools
  tools call <name>          call a tool (--arg k=v ... | --args-json '{...}')
  resources list             the server's resources
  resources read <uri>       read a resource
  prompts list               the server's prompts
  prompts get <name>         get a prompt (--arg k=v ...)
  ping                       check the server answers
  login --url <url>          OAuth: authorize mcpwire for an HTTP server (later --url commands reuse it)

${TARGETS}

${COMMON}

Examples:
  mcpwire tools list --stdio "npx -y @modelcontextprotocol/server-everything"
  mcpwire tools call echo --arg message=hi --stdio "npx -y @modelcontextprotocol/server-everything"
  mcpwire --config ~/.cursor/mcp.json --server github tools list --json

Exit codes: 0 success, 1 failure (including a tool result with isError), 2 usage mistake, 130 interrupted.
`,
  info: `Usage: mcpwire info <target> [--json]

Shows the server's name and version, the negotiated protocol revision and era, its capabilities and
instructions.

${TARGETS}
`,
  tools: `Usage: mcpwire tools list <target> [--json]
       mcpwire tools call <name> [--arg key=value ...] [--args-json '{...}'] <target> [--json]

${TARGETS}
`,
  'tools list': `Usage: mcpwire tools list <target> [--json]

Lists every tool (all pages) with its arguments (name?:type, ? = optional) and description.

${TARGETS}
`,
  'tools call': `Usage: mcpwire tools call <name> [--arg key=value ...] [--args-json '{...}'] <target> [--json]

Calls a tool. --arg values are typed by the tool's input schema: numbers and integers become numbers,
booleans accept true/false/yes/no/1/0, objects and arrays are JSON. --args-json gives the whole
arguments object; --arg entries override its fields. A progress bar is drawn on stderr (on a terminal)
while the server reports progress. Exit code 1 when the tool reports an error (isError).

${TARGETS}

${COMMON}
`,
  resources: `Usage: mcpwire resources list <target> [--json]
       mcpwire resources read <uri> <target> [--json]

${TARGETS}
`,
  'resources list': `Usage: mcpwire resources list <target> [--json]

Lists every resource (all pages): URI, MIME type, name and description.

${TARGETS}
`,
  'resources read': `Usage: mcpwire resources read <uri> <target> [--json]

Prints the resource's text contents; binary contents are summarised (use --json for the base64).

${TARGETS}
`,
  prompts: `Usage: mcpwire prompts list <target> [--json]
       mcpwire prompts get <name> [--arg key=value ...] <target> [--json]

${TARGETS}
`,
  'prompts list': `Usage: mcpwire prompts list <target> [--json]

Lists every prompt (all pages) with its arguments (? = optional).

${TARGETS}
`,
  'prompts get': `Usage: mcpwire prompts get <name> [--arg key=value ...] <target> [--json]

Gets a prompt with the given arguments (all strings) and prints its messages.

${TARGETS}
`,
  ping: `Usage: mcpwire ping <target> [--json]

Sends ping and prints the round-trip time.

${TARGETS}
`,
  login: `Usage: mcpwire login --url <url>

Runs OAuth for an MCP server that needs it: discovers its authorization server, registers mcpwire there,
prints the authorization URL to open in a browser and waits for the redirect on http://127.0.0.1:<port>/callback.
The tokens are stored in oauth.json (mode 0600) in $MCPWIRE_CONFIG_DIR, else $XDG_CONFIG_HOME/mcpwire, else
~/.config/mcpwire (%APPDATA%\\mcpwire on Windows): clients keyed by authorization-server issuer, tokens by
server URL. Later commands with the same --url send them and refresh them when they expire.
`,
};
