/**
 * `--baseline FILE`: the failures a project knows about, each with the reason it is accepted, like the
 * official suite's expected-failures file. JSON (`[{"id": "F03", "reason": "..."}]` or
 * `{"F03": "..."}`) or the same two shapes in YAML:
 *
 *   - id: F03
 *     reason: unknown tools come back as isError results
 *
 *   F05: a missing resource gets -32602
 *
 * Only that subset of YAML is read (plain, single- and double-quoted scalars, `#` comments); anything
 * else is a ConfigError naming the line, never a silent misreading. Applying it to a report sorts the
 * failures into expected and new, and finds stale entries: listed checks that ran and no longer fail.
 */
import { ConfigError } from '@mcpwire/core';
import type { CheckResult, Report } from './types.js';

export interface BaselineEntry {
  readonly id: string;
  readonly reason: string;
}

export interface BaselineOutcome {
  readonly file: string;
  /** Failures (and warnings) the baseline lists. */
  readonly expected: readonly { readonly check: CheckResult; readonly reason: string }[];
  /** MUST failures the baseline does not list. */
  readonly newFailures: readonly CheckResult[];
  /** Listed checks that ran and neither failed nor warned: remove them from the baseline. */
  readonly stale: readonly BaselineEntry[];
  /** Listed checks that did not run (skipped, or not part of this run). */
  readonly notRun: readonly BaselineEntry[];
}

function scalar(raw: string, where: string): string {
  const text = raw.trim();
  if (text.startsWith('"')) {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'string') return value;
    } catch {
      // Reported below.
    }
    throw new ConfigError(`${where}: expected a complete double-quoted string, received ${text}`);
  }
  if (text.startsWith("'")) {
    if (text.length < 2 || !text.endsWith("'"))
      throw new ConfigError(`${where}: expected a complete single-quoted string, received ${text}`);
    return text.slice(1, -1).replaceAll("''", "'");
  }
  const comment = text.search(/\s#/);
  return (comment === -1 ? text : text.slice(0, comment)).trim();
}

/** `key: value` on one line, or undefined. */
function pair(line: string): [string, string] | undefined {
  const match = /^([A-Za-z0-9_-]+)\s*:(?:\s+(.*))?$/.exec(line);
  return match === null ? undefined : [match[1]!, match[2] ?? ''];
}

function parseYaml(text: string, file: string): unknown {
  const entries: { id?: string; reason?: string }[] = [];
  const mapping: Record<string, string> = {};
  let shape: 'list' | 'map' | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const where = `${file}:${i + 1}`;
    const line = lines[i]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const item = /^-\s+(.*)$/.exec(line);
    const nested = /^\s+(\S.*)$/.exec(line);
    if (item !== null && shape !== 'map') {
      shape = 'list';
      const kv = pair(item[1]!);
      if (kv === undefined)
        throw new ConfigError(`${where}: expected "- id: <check id>", received ${line.trim()}`);
      entries.push({ [kv[0]]: scalar(kv[1], where) });
    } else if (nested !== null && shape === 'list') {
      const kv = pair(nested[1]!);
      if (kv === undefined)
        throw new ConfigError(`${where}: expected "reason: <text>", received ${line.trim()}`);
      Object.assign(entries.at(-1)!, { [kv[0]]: scalar(kv[1], where) });
    } else if (shape !== 'list' && pair(line) !== undefined) {
      shape = 'map';
      const [key, value] = pair(line)!;
      if (Object.hasOwn(mapping, key)) throw new ConfigError(`${where}: ${key} is listed twice`);
      mapping[key] = scalar(value, where);
    } else {
      throw new ConfigError(
        `${where}: expected "- id: ID" / "  reason: text" items or "ID: reason" lines, received ${line.trim()}`,
      );
    }
  }
  return shape === 'map' ? mapping : entries;
}

/** Reads baseline text (JSON when it starts with `[` or `{`, YAML otherwise) and checks every id. */
export function parseBaseline(text: string, file: string, knownIds: ReadonlySet<string>): BaselineEntry[] {
  const trimmed = text.trim();
  let value: unknown;
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw new ConfigError(
        `${file}: expected JSON, received text it cannot parse: ${(error as Error).message}`,
      );
    }
  } else value = parseYaml(text, file);
  const raw: { id?: unknown; reason?: unknown }[] = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null
      ? Object.entries(value).map(([id, reason]) => ({ id, reason }))
      : [];
  const entries: BaselineEntry[] = [];
  const seen = new Set<string>();
  for (const [index, item] of raw.entries()) {
    const where = `${file}: entry ${index + 1}`;
    if (typeof item !== 'object' || item === null || typeof item.id !== 'string')
      throw new ConfigError(
        `${where}: expected an object with a string "id", received ${JSON.stringify(item)}`,
      );
    if (!knownIds.has(item.id))
      throw new ConfigError(
        `${where}: expected a check id of this command (${[...knownIds].join(', ')}), received ${JSON.stringify(item.id)}`,
      );
    if (typeof item.reason !== 'string' || item.reason.trim() === '')
      throw new ConfigError(
        `${where}: expected a non-empty "reason" for ${item.id}, received ${JSON.stringify(item.reason ?? null)}`,
      );
    if (seen.has(item.id)) throw new ConfigError(`${where}: ${item.id} is listed twice`);
    seen.add(item.id);
    entries.push({ id: item.id, reason: item.reason.trim() });
  }
  return entries;
}

export function applyBaseline(
  report: Report,
  entries: readonly BaselineEntry[],
  file: string,
): BaselineOutcome {
  const reasons = new Map(entries.map((e) => [e.id, e.reason]));
  const expected: { check: CheckResult; reason: string }[] = [];
  const newFailures: CheckResult[] = [];
  for (const check of report.checks) {
    const reason = reasons.get(check.id);
    if (check.status !== 'fail' && check.status !== 'warn') continue;
    if (reason !== undefined) expected.push({ check, reason });
    else if (check.status === 'fail') newFailures.push(check);
  }
  const stale: BaselineEntry[] = [];
  const notRun: BaselineEntry[] = [];
  for (const entry of entries) {
    const results = report.checks.filter((c) => c.id === entry.id);
    if (results.some((c) => c.status === 'fail' || c.status === 'warn')) continue;
    if (results.some((c) => c.status === 'pass')) stale.push(entry);
    else notRun.push(entry);
  }
  return { file, expected, newFailures, stale, notRun };
}
