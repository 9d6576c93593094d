/** Reads a request body with a byte limit, without buffering more than the limit (core's shared reader). */
import { readBodyWithin } from '@mcpwire/core';

export type BodyResult = { ok: true; text: string } | { ok: false; tooLarge: true; received: number };

export async function readBodyText(request: Request, limit: number): Promise<BodyResult> {
  const body = await readBodyWithin(request, limit);
  return body.ok ? body : { ok: false, tooLarge: true, received: body.received };
}
