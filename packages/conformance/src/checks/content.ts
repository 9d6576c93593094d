/**
 * Content block well-formedness (F04): what the schema cannot say, such as base64 data that decodes.
 */
import { isObject } from '../runner/context.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function isBase64(value: unknown): boolean {
  return typeof value === 'string' && value.length % 4 === 0 && BASE64.test(value);
}

function resourceProblem(resource: unknown, where: string): string | undefined {
  if (!isObject(resource) || typeof resource['uri'] !== 'string')
    return `${where}: expected a resource with a uri`;
  const hasText = typeof resource['text'] === 'string';
  const hasBlob = typeof resource['blob'] === 'string';
  if (!hasText && !hasBlob) return `${where}: expected resource text or blob, received neither`;
  if (hasBlob && !isBase64(resource['blob']))
    return `${where}: expected base64 blob, received ${String(resource['blob']).slice(0, 40)}`;
  return undefined;
}

/** Problems of one content block, or an empty list. */
export function contentProblems(block: unknown, where: string): string[] {
  if (!isObject(block)) return [`${where}: expected a content block object`];
  switch (block['type']) {
    case 'image':
    case 'audio': {
      const out: string[] = [];
      if (!isBase64(block['data'])) out.push(`${where}: expected base64 ${block['type']} data`);
      if (typeof block['mimeType'] !== 'string') out.push(`${where}: expected a mimeType string`);
      return out;
    }
    case 'resource': {
      const problem = resourceProblem(block['resource'], where);
      return problem === undefined ? [] : [problem];
    }
    case 'text':
      return typeof block['text'] === 'string' ? [] : [`${where}: expected a text string`];
    case 'resource_link':
      return typeof block['uri'] === 'string' ? [] : [`${where}: expected a resource_link uri`];
    default:
      return [`${where}: expected a known content type, received ${JSON.stringify(block['type'])}`];
  }
}

export { resourceProblem };
