/** Feeds an undici response body into an SseDecoder; resolves when the body ends or breaks. */
import { SseDecoder, type SseEvent } from '../../shared-http/sse-decoder.js';

export interface StreamOutcome {
  /** The body ended cleanly (false: the connection broke or was aborted). */
  ended: boolean;
  lastEventId: string | undefined;
  retryMs: number | undefined;
  error?: unknown;
  /** The stream broke because an event exceeded `maxEventLength` (resuming would meet it again). */
  tooLarge?: boolean;
}

export async function readSseBody(
  body: AsyncIterable<Uint8Array>,
  onEvent: (event: SseEvent) => void,
  lastEventId?: string,
  maxEventLength?: number,
): Promise<StreamOutcome> {
  let retryMs: number | undefined;
  const decoder = new SseDecoder(
    (event) => {
      if (event.retry !== undefined) retryMs = event.retry;
      if (event.data !== '') onEvent(event);
    },
    { lastEventId, maxEventLength },
  );
  try {
    for await (const chunk of body) {
      try {
        decoder.push(chunk);
      } catch (error) {
        // Leaving the loop destroys the body: nothing more of this stream is read.
        return { ended: false, lastEventId: decoder.lastEventId, retryMs, error, tooLarge: true };
      }
    }
    decoder.end();
    return { ended: true, lastEventId: decoder.lastEventId, retryMs };
  } catch (error) {
    return { ended: false, lastEventId: decoder.lastEventId, retryMs, error };
  }
}
