/**
 * The Bearer challenge of RFC 6750 §3 as used by MCP: `resource_metadata` (RFC 9728 §5.1), `scope`, `error`.
 * Parsing is a single left-to-right scan (no regex per call) and tolerates several challenges in one header.
 */

export interface BearerChallenge {
  /** Lower-cased parameter names → values (quoted-string unescaped). */
  params: Record<string, string>;
  resourceMetadata?: string;
  scope?: string;
  error?: string;
  errorDescription?: string;
}

/** Finds the Bearer challenge in a WWW-Authenticate header value; undefined when there is none. */
export function parseBearerChallenge(header: string | null | undefined): BearerChallenge | undefined {
  if (!header) return undefined;
  const challenges = parseChallenges(header);
  const bearer = challenges.find((c) => c.scheme === 'bearer');
  if (!bearer) return undefined;
  const p = bearer.params;
  return {
    params: p,
    resourceMetadata: p['resource_metadata'],
    scope: p['scope'],
    error: p['error'],
    errorDescription: p['error_description'],
  };
}

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

function parseChallenges(input: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const n = input.length;
  let current: Challenge | undefined;
  while (i < n) {
    while (i < n && (input[i] === ' ' || input[i] === ',' || input[i] === '\t')) i++;
    const start = i;
    while (i < n && input[i] !== ' ' && input[i] !== '=' && input[i] !== ',' && input[i] !== '\t') i++;
    const token = input.slice(start, i);
    if (!token) break;
    let j = i;
    while (j < n && (input[j] === ' ' || input[j] === '\t')) j++;
    if (input[j] === '=' && current) {
      // auth-param: token = (token | quoted-string)
      i = j + 1;
      while (i < n && (input[i] === ' ' || input[i] === '\t')) i++;
      let value = '';
      if (input[i] === '"') {
        i++;
        while (i < n && input[i] !== '"') {
          if (input[i] === '\\' && i + 1 < n) i++;
          value += input[i];
          i++;
        }
        i++;
      } else {
        const vs = i;
        while (i < n && input[i] !== ',' && input[i] !== ' ') i++;
        value = input.slice(vs, i);
      }
      current.params[token.toLowerCase()] = value;
    } else {
      // A new scheme name (or token68, which MCP does not use).
      current = { scheme: token.toLowerCase(), params: {} };
      out.push(current);
    }
  }
  return out;
}

/** Builds a Bearer challenge; values are quoted and escaped. */
export function formatBearerChallenge(params: Record<string, string | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    parts.push(`${key}="${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);
  }
  return parts.length ? `Bearer ${parts.join(', ')}` : 'Bearer';
}
