/** Shared helpers of the check catalogues: the definition builder and the spec page prefixes. */
import type { CheckArea, CheckDefinition, CheckLevel } from '../runner/types.js';

export function def(
  id: string,
  level: CheckLevel,
  area: CheckArea,
  title: string,
  spec: string,
): CheckDefinition {
  return { id, level, area, title, spec };
}

export const B = '2025-11-25 basic/index';
export const LC = '2025-11-25 basic/lifecycle';
export const TR = '2025-11-25 basic/transports';
export const M = '2026-07-28';
