/** Reads a request body with a byte limit, without buffering more than the limit (core's shared reader). */
import { readBodyWithin } from '@mcpwire/core/runtime';

export type BodyResult =
  /** `value`: the body as JSON a web framework already parsed (then `text` is empty and unused). */
  | { ok: true; text: string; value?: unknown }
  | { ok: false; tooLarge: true; received: number }
  /** No body can be had (a framework's body parser took the stream and kept nothing we can read). */
  | { ok: false; tooLarge: false; message: string };

/** What a web-standard body read can end with: a stream is always there to read. */
export type StreamBodyResult = Exclude<BodyResult, { tooLarge: false }>;

export async function readBodyText(request: Request, limit: number): Promise<StreamBodyResult> {
  const body = await readBodyWithin(request, limit);
  return body.ok ? body : { ok: false, tooLarge: true, received: body.received };
}
