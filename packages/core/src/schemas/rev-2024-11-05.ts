/** Revision 2024-11-05: the first MCP revision (initialize handshake, stdio and HTTP+SSE). */
import { z } from 'zod';
import { Cursor, LoggingLevel, Meta2024, ProgressToken, RequestId, RequestMeta2024, Role } from './base.js';
import { completionArea } from './completion.js';
import { content2024 } from './content.js';
import { envelopesWithErrorId } from './jsonrpc.js';
import { Free, freeSlots, noteParams } from './kit.js';
import { once } from './lazy.js';
import { legacyMethods } from './legacy-methods.js';
import { clientCapabilities, implementations, lifecycleArea, serverCapabilities } from './lifecycle.js';
import { loggingArea } from './logging.js';
import { promptsArea } from './prompts.js';
import { resourceShapes, resourcesArea } from './resources.js';
import { rootsArea } from './roots.js';
import { legacySamplingSlots, samplingArea } from './sampling.js';
import { tools, toolsArea } from './tools.js';

export const kit2024 = {
  ...freeSlots,
  reqMeta: RequestMeta2024.optional(),
  noteMeta: Meta2024.optional(),
  resultMeta: Meta2024.optional(),
  meta: Free,
};

function build() {
  const c = content2024;
  const Implementation = implementations['2024-11-05'];
  const ClientCapabilities = clientCapabilities['2024-11-05'];
  const ServerCapabilities = serverCapabilities['2024-11-05'];
  const shapes = resourceShapes['2024-11-05'];

  return {
    RequestId,
    ProgressToken,
    Cursor,
    Role,
    ...c,
    Implementation,
    ClientCapabilities,
    ServerCapabilities,
    ...lifecycleArea(kit2024, Implementation, ClientCapabilities, ServerCapabilities),
    ...toolsArea(kit2024, tools['2024-11-05'], c.ContentBlock, Free),
    ...resourcesArea(
      kit2024,
      shapes.Resource,
      shapes.ResourceTemplate,
      z.union([c.TextResourceContents, c.BlobResourceContents]),
    ),
    ...promptsArea(kit2024, c.ContentBlock),
    ...samplingArea({
      ...legacySamplingSlots,
      content: c.SamplingContent,
      messageMeta: Free,
      paramsMeta: kit2024.reqMeta,
      resultMeta: kit2024.resultMeta,
    }),
    ...rootsArea(kit2024),
    ...loggingArea(kit2024),
    LoggingLevel,
    ...completionArea(kit2024, { context: Free, values: z.array(z.string()) }),
    CancelledNotificationParams: noteParams(kit2024, { requestId: RequestId, reason: z.string().optional() }),
    ProgressNotificationParams: noteParams(kit2024, {
      progressToken: ProgressToken,
      progress: z.number(),
      total: z.number().optional(),
    }),
    ...envelopesWithErrorId,
  };
}

/** Revision 2024-11-05's schemas by name, built on first use (a connection uses one revision). */
export const rev2024_11_05 = once(build);
export type Rev2024_11_05Schemas = ReturnType<typeof build>;

export const methods2024_11_05 = once(() => legacyMethods(rev2024_11_05()));
