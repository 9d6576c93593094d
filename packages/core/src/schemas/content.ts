/**
 * Content blocks and resource contents, per revision.
 * 2025-03-26 adds audio; 2025-06-18 adds `_meta` (with key rules), `lastModified`, `title` and resource links;
 * 2025-11-25 adds icons to resource links. 2026-07-28 keeps the 2025-11-25 shapes.
 */
import { z } from 'zod';
import { Integer, Meta2025, obj, Role } from './base.js';

// ---- 2024-11-05 ------------------------------------------------------------------------------------------

const Annotations2024 = obj({
  audience: z.array(Role).optional(),
  priority: z.number().min(0).max(1).optional(),
});
const TextResourceContents2024 = obj({ uri: z.string(), mimeType: z.string().optional(), text: z.string() });
const BlobResourceContents2024 = obj({ uri: z.string(), mimeType: z.string().optional(), blob: z.string() });
const TextContent2024 = obj({
  type: z.literal('text'),
  text: z.string(),
  annotations: Annotations2024.optional(),
});
const ImageContent2024 = obj({
  type: z.literal('image'),
  data: z.string(),
  mimeType: z.string(),
  annotations: Annotations2024.optional(),
});
const EmbeddedResource2024 = obj({
  type: z.literal('resource'),
  resource: z.union([TextResourceContents2024, BlobResourceContents2024]),
  annotations: Annotations2024.optional(),
});

export const content2024 = {
  Annotations: Annotations2024,
  ResourceContents: obj({ uri: z.string(), mimeType: z.string().optional() }),
  TextResourceContents: TextResourceContents2024,
  BlobResourceContents: BlobResourceContents2024,
  TextContent: TextContent2024,
  ImageContent: ImageContent2024,
  EmbeddedResource: EmbeddedResource2024,
  /** What tools return and prompts contain in this revision. */
  ContentBlock: z.discriminatedUnion('type', [TextContent2024, ImageContent2024, EmbeddedResource2024]),
  /** What a sampling message may contain in this revision. */
  SamplingContent: z.discriminatedUnion('type', [TextContent2024, ImageContent2024]),
};

// ---- 2025-03-26: audio ---------------------------------------------------------------------------------

const AudioContent2025_03 = obj({
  type: z.literal('audio'),
  data: z.string(),
  mimeType: z.string(),
  annotations: Annotations2024.optional(),
});

export const content2025_03 = {
  ...content2024,
  AudioContent: AudioContent2025_03,
  ContentBlock: z.discriminatedUnion('type', [
    TextContent2024,
    ImageContent2024,
    AudioContent2025_03,
    EmbeddedResource2024,
  ]),
  SamplingContent: z.discriminatedUnion('type', [TextContent2024, ImageContent2024, AudioContent2025_03]),
};

// ---- 2025-06-18: _meta, lastModified, resource links --------------------------------------------------

const Annotations2025_06 = Annotations2024.extend({ lastModified: z.string().optional() });
const withMeta = { _meta: Meta2025.optional() };
const ResourceContents2025_06 = content2024.ResourceContents.extend(withMeta);
const TextResourceContents2025_06 = TextResourceContents2024.extend(withMeta);
const BlobResourceContents2025_06 = BlobResourceContents2024.extend(withMeta);
const annotated2025_06 = { ...withMeta, annotations: Annotations2025_06.optional() };
const TextContent2025_06 = TextContent2024.extend(annotated2025_06);
const ImageContent2025_06 = ImageContent2024.extend(annotated2025_06);
const AudioContent2025_06 = AudioContent2025_03.extend(annotated2025_06);
const EmbeddedResource2025_06 = EmbeddedResource2024.extend({
  ...annotated2025_06,
  resource: z.union([TextResourceContents2025_06, BlobResourceContents2025_06]),
});
/** Fields of a resource as listed (shared by Resource and ResourceLink). */
export const resourceFields2025_06 = {
  ...annotated2025_06,
  uri: z.string(),
  name: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  mimeType: z.string().optional(),
  size: Integer.optional(),
};
const ResourceLink2025_06 = obj({ type: z.literal('resource_link'), ...resourceFields2025_06 });

export const content2025_06 = {
  Annotations: Annotations2025_06,
  ResourceContents: ResourceContents2025_06,
  TextResourceContents: TextResourceContents2025_06,
  BlobResourceContents: BlobResourceContents2025_06,
  TextContent: TextContent2025_06,
  ImageContent: ImageContent2025_06,
  AudioContent: AudioContent2025_06,
  EmbeddedResource: EmbeddedResource2025_06,
  ResourceLink: ResourceLink2025_06,
  ContentBlock: z.discriminatedUnion('type', [
    TextContent2025_06,
    ImageContent2025_06,
    AudioContent2025_06,
    ResourceLink2025_06,
    EmbeddedResource2025_06,
  ]),
  SamplingContent: z.discriminatedUnion('type', [
    TextContent2025_06,
    ImageContent2025_06,
    AudioContent2025_06,
  ]),
};

// ---- 2025-11-25: icons ------------------------------------------------------------------------------------

export const Icon = obj({
  src: z.string(),
  mimeType: z.string().optional(),
  sizes: z.array(z.string()).optional(),
  theme: z.enum(['light', 'dark']).optional(),
});
export const icons = { icons: z.array(Icon).optional() };
const ResourceLink2025_11 = ResourceLink2025_06.extend(icons);

export const content2025_11 = {
  ...content2025_06,
  Icon,
  Icons: obj(icons),
  ResourceLink: ResourceLink2025_11,
  ContentBlock: z.discriminatedUnion('type', [
    TextContent2025_06,
    ImageContent2025_06,
    AudioContent2025_06,
    ResourceLink2025_11,
    EmbeddedResource2025_06,
  ]),
};
