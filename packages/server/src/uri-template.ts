/**
 * RFC 6570 URI templates, levels 1–3: expansion, and matching a concrete URI back to variable values.
 * Matching compiles one regular expression per template (once, at construction), so reading a templated
 * resource costs one `exec` and no allocation beyond the captured values.
 */

type Operator = '' | '+' | '#' | '.' | '/' | ';' | '?' | '&';

interface OperatorRule {
  first: string;
  separator: string;
  named: boolean;
  ifEmpty: string;
  allowReserved: boolean;
}

const RULES: Record<Operator, OperatorRule> = {
  '': { first: '', separator: ',', named: false, ifEmpty: '', allowReserved: false },
  '+': { first: '', separator: ',', named: false, ifEmpty: '', allowReserved: true },
  '#': { first: '#', separator: ',', named: false, ifEmpty: '', allowReserved: true },
  '.': { first: '.', separator: '.', named: false, ifEmpty: '', allowReserved: false },
  '/': { first: '/', separator: '/', named: false, ifEmpty: '', allowReserved: false },
  ';': { first: ';', separator: ';', named: true, ifEmpty: '', allowReserved: false },
  '?': { first: '?', separator: '&', named: true, ifEmpty: '=', allowReserved: false },
  '&': { first: '&', separator: '&', named: true, ifEmpty: '=', allowReserved: false },
};

interface Expression {
  operator: Operator;
  names: string[];
}

type Part = string | Expression;

/** Values for expansion: a string, or a list (exploded or joined by the operator's separator). */
export type TemplateValues = Record<string, string | readonly string[] | undefined>;

const EXPRESSION = /\{([^{}]*)\}/g;
const VARNAME = /^[A-Za-z0-9_.%]+$/;
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

function encodeValue(value: string, allowReserved: boolean): string {
  // encodeURI keeps reserved characters; encodeURIComponent escapes them (RFC 6570 §1.5).
  return allowReserved ? encodeURI(value).replace(/%25([0-9A-Fa-f]{2})/g, '%$1') : encodeURIComponent(value);
}

/** An RFC 6570 URI template (levels 1–3): expands values into a URI and matches URIs back to values. */
export class UriTemplate {
  readonly template: string;
  /** Every variable name, in order of appearance. */
  readonly variableNames: readonly string[];
  private readonly parts: readonly Part[];
  private readonly matcher: RegExp;
  /** For each capture group of `matcher`: the expression it belongs to. */
  private readonly groups: readonly Expression[];

  /** Parses an RFC 6570 template (levels 1–3); throws on a template it cannot read. */
  constructor(template: string) {
    this.template = template;
    const parts: Part[] = [];
    let last = 0;
    for (const match of template.matchAll(EXPRESSION)) {
      if (match.index > last) parts.push(template.slice(last, match.index));
      parts.push(parseExpression(match[1]!, template));
      last = match.index + match[0].length;
    }
    if (last < template.length) parts.push(template.slice(last));
    if (/[{}]/.test(parts.filter((part) => typeof part === 'string').join(''))) {
      throw new TypeError(
        `Invalid URI template: expected balanced braces, received ${JSON.stringify(template)}`,
      );
    }
    this.parts = parts;
    this.variableNames = parts.flatMap((part) => (typeof part === 'string' ? [] : part.names));
    const groups: Expression[] = [];
    let source = '^';
    for (const part of parts) {
      if (typeof part === 'string') {
        source += part.replace(REGEX_SPECIAL, '\\$&');
        continue;
      }
      groups.push(part);
      source += matcherFor(part.operator);
    }
    this.matcher = new RegExp(`${source}$`);
    this.groups = groups;
  }

  /** True when the template has no variables (a plain URI). */
  get isStatic(): boolean {
    return this.variableNames.length === 0;
  }

  /** The URI for these values. */
  expand(values: TemplateValues): string {
    let out = '';
    for (const part of this.parts) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      const rule = RULES[part.operator];
      const pieces: string[] = [];
      for (const name of part.names) {
        const value = values[name];
        if (value === undefined) continue;
        const text =
          typeof value === 'string'
            ? encodeValue(value, rule.allowReserved)
            : value.map((item) => encodeValue(item, rule.allowReserved)).join(',');
        if (!rule.named) pieces.push(text);
        else pieces.push(text === '' ? `${name}${rule.ifEmpty}` : `${name}=${text}`);
      }
      if (pieces.length > 0) out += rule.first + pieces.join(rule.separator);
    }
    return out;
  }

  /** The variable values when `uri` matches this template, else undefined. */
  match(uri: string): Record<string, string> | undefined {
    const found = this.matcher.exec(uri);
    if (found === null) return undefined;
    const values: Record<string, string> = {};
    try {
      for (let i = 0; i < this.groups.length; i++) {
        const raw = found[i + 1];
        if (raw === undefined) continue;
        const expression = this.groups[i]!;
        if (RULES[expression.operator].named) readNamed(raw, expression, values);
        else readPositional(raw, expression, values);
      }
    } catch {
      return undefined; // malformed percent-encoding: not a match
    }
    return values;
  }

  /** The template as written. */
  toString(): string {
    return this.template;
  }
}

function parseExpression(body: string, template: string): Expression {
  let operator: Operator = '';
  let rest = body;
  const head = body[0];
  if (head !== undefined && '+#./;?&'.includes(head)) {
    operator = head as Operator;
    rest = body.slice(1);
  }
  const names = rest.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!VARNAME.test(name)) {
      throw new TypeError(
        `Invalid URI template ${JSON.stringify(template)}: expected variable names of letters, digits, "_" or ".", received ${JSON.stringify(name)} (levels 1–3 only: no modifiers)`,
      );
    }
  }
  return { operator, names };
}

/** One capture group per expression; the group holds the expression's whole expansion minus its prefix. */
function matcherFor(operator: Operator): string {
  switch (operator) {
    case '':
      return '([^/?#&]*)';
    case '+':
      return '([^?#]*)';
    case '#':
      return '(?:#(.*))?';
    case '.':
      return '(?:\\.([^/?#]*))?';
    case '/':
      return '(?:/([^?#]*))?';
    case ';':
      return '(?:;([^/?#]*))?';
    case '?':
      return '(?:\\?([^#]*))?';
    case '&':
      return '(?:&([^#]*))?';
  }
}

function readPositional(raw: string, expression: Expression, values: Record<string, string>): void {
  const separator = RULES[expression.operator].separator;
  if (expression.names.length === 1) {
    // A single `{/path}` variable may span several segments; keep them as one value.
    values[expression.names[0]!] = decodeURIComponent(raw);
    return;
  }
  const pieces = raw.split(separator);
  for (let i = 0; i < expression.names.length && i < pieces.length; i++) {
    values[expression.names[i]!] = decodeURIComponent(pieces[i]!);
  }
}

function readNamed(raw: string, expression: Expression, values: Record<string, string>): void {
  const separator = RULES[expression.operator].separator;
  const wanted = new Set(expression.names);
  for (const pair of raw.split(separator)) {
    const equals = pair.indexOf('=');
    const name = equals === -1 ? pair : pair.slice(0, equals);
    if (!wanted.has(name)) continue;
    values[name] = equals === -1 ? '' : decodeURIComponent(pair.slice(equals + 1));
  }
}
