/**
 * Collects the responses to the requests of one incoming batch (2025-03-26), so they go back as one
 * array once every request in it has been answered (or its response suppressed by cancellation).
 */
import type { JSONRPCResponse } from '../jsonrpc/types.js';

export class BatchCollector {
  private readonly responses: JSONRPCResponse[] = [];
  private expected = 0;
  private sealed = false;

  constructor(private readonly flush: (responses: JSONRPCResponse[]) => void) {}

  /** One more member of the batch owes a response. */
  expect(): void {
    this.expected++;
  }

  /** Every member has been dispatched; flush once the outstanding ones settle. */
  seal(): void {
    this.sealed = true;
    this.flushIfDone();
  }

  /** Records one request's outcome: its response, or undefined when the response is suppressed. */
  settle(response: JSONRPCResponse | undefined): void {
    if (response !== undefined) this.responses.push(response);
    this.expected--;
    this.flushIfDone();
  }

  private flushIfDone(): void {
    if (this.sealed && this.expected === 0 && this.responses.length > 0) {
      this.sealed = false; // flush exactly once
      this.flush(this.responses);
    }
  }
}
