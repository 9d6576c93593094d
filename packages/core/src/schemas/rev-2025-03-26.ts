/**
 * Revision 2025-03-26: audio content, tool annotations, the completions capability, progress messages and
 * JSON-RPC batches (this revision only; see validate.ts).
 */
import { progressFields } from './base.js';
import { content2025_03 } from './content.js';
import { Free, noteParams } from './kit.js';
import { once } from './lazy.js';
import { legacyMethods } from './legacy-methods.js';
import { lifecycleArea, serverCapabilities } from './lifecycle.js';
import { promptsArea } from './prompts.js';
import { kit2024, rev2024_11_05 } from './rev-2024-11-05.js';
import { legacySamplingSlots, samplingArea } from './sampling.js';
import { ToolAnnotations, tools, toolsArea } from './tools.js';

function build() {
  const Rev2024_11_05 = rev2024_11_05();
  const c = content2025_03;
  const ServerCapabilities = serverCapabilities['2025-03-26'];

  return {
    ...Rev2024_11_05,
    ...c,
    ServerCapabilities,
    ...lifecycleArea(
      kit2024,
      Rev2024_11_05.Implementation,
      Rev2024_11_05.ClientCapabilities,
      ServerCapabilities,
    ),
    ToolAnnotations,
    ...toolsArea(kit2024, tools['2025-03-26'], c.ContentBlock, Free),
    ...promptsArea(kit2024, c.ContentBlock),
    ...samplingArea({
      ...legacySamplingSlots,
      content: c.SamplingContent,
      messageMeta: Free,
      paramsMeta: kit2024.reqMeta,
      resultMeta: kit2024.resultMeta,
    }),
    ProgressNotificationParams: noteParams(kit2024, progressFields),
  };
}

/** Revision 2025-03-26's schemas by name, built on first use (a connection uses one revision). */
export const rev2025_03_26 = once(build);
export type Rev2025_03_26Schemas = ReturnType<typeof build>;

export const methods2025_03_26 = once(() => legacyMethods(rev2025_03_26()));
