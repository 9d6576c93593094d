/**
 * Completion callbacks (completion/complete) of prompt arguments and template variables, and the
 * registration check that each names an argument or variable that exists.
 */
import { ConfigError } from '@mcpwire/core/runtime';
import type { HandlerContext } from './context.js';

/** Completes one variable: receives the partial value and the other arguments already filled in. */
export type CompleteCallback = (
  value: string,
  context: { arguments: Record<string, string> },
  ctx: HandlerContext,
) => string[] | Promise<string[]>;

/**
 * Completion callbacks keyed by the names that exist. With no names at all it is `Record<string, never>`:
 * an empty mapped type (`{}`) would let any key through, as TypeScript does not check excess members
 * against `{}`.
 */
export type CompletionsFor<Names extends string> = [Names] extends [never]
  ? Record<string, never>
  : { [Name in Names]?: CompleteCallback };

/** Refuses completion callbacks for names the prompt or template does not have. */
export function checkCompletionKeys(
  complete: object | undefined,
  names: readonly string[],
  owner: string,
  what: 'arguments' | 'variables',
): void {
  if (complete === undefined) return;
  const unknown = Object.keys(complete).filter((key) => !names.includes(key));
  if (unknown.length === 0) return;
  throw new ConfigError(
    `${owner} complete: expected keys among its ${what} (${names.length === 0 ? 'none' : names.join(', ')}), received ${unknown.map((key) => JSON.stringify(key)).join(', ')}`,
  );
}
