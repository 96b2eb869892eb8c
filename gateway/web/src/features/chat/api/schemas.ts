import { z } from "zod";
import type { components } from "@/lib/api-types/chat";
import type { Conforms } from "@/lib/conforms";
import { uuidSchema } from "@/lib/ids";
import { integer, pageOf } from "@/lib/pages";

type Schemas = components["schemas"];

export const conversationSchema = z.object({
  id: uuidSchema,
  title: z.string().nullable(),
  pinned: z.boolean(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const messageSchema = z.object({
  id: uuidSchema,
  conversationId: uuidSchema,
  role: z.string(),
  content: z.string(),
  clientId: z.string().nullable(),
  replyTo: uuidSchema.nullable(),
  createdAt: z.string(),
});
export type Message = z.infer<typeof messageSchema>;

export const messageExchangeSchema = z.object({ message: messageSchema, reply: messageSchema });
export type MessageExchange = z.infer<typeof messageExchangeSchema>;

export const searchHitSchema = z.object({
  kind: z.string(),
  conversationId: uuidSchema,
  messageId: uuidSchema.nullable(),
  conversationTitle: z.string().nullable(),
  snippet: z.string(),
  createdAt: z.string(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchResultsSchema = z.object({ query: z.string(), items: z.array(searchHitSchema), limit: integer });

export const conversationPageSchema = pageOf(conversationSchema);
export const messagePageSchema = pageOf(messageSchema);

// The schemas follow chat's committed OpenAPI document (services/Jarvis.Chat/Jarvis.Chat.json).
export const conformance: [
  Conforms<Conversation, Schemas["Conversation"]>,
  Conforms<Message, Schemas["Message"]>,
  Conforms<MessageExchange, Schemas["MessageExchange"]>,
  Conforms<SearchHit, Schemas["SearchHit"]>,
  Conforms<z.infer<typeof searchResultsSchema>, Schemas["SearchResults"]>,
  Conforms<z.infer<typeof conversationPageSchema>, Schemas["PageOfConversation"]>,
  Conforms<z.infer<typeof messagePageSchema>, Schemas["PageOfMessage"]>,
] = [true, true, true, true, true, true, true];

/** Title rules chat applies (1–200 characters, not blank), checked before sending. */
export const titleSchema = z.string().trim().min(1, "A title needs at least one character.").max(200, "A title has at most 200 characters.");

/** Content rules chat applies (1–16,000 characters, not blank). */
export const contentSchema = z.string().refine((s) => s.trim().length > 0, "Write a message first.").refine((s) => s.length <= 16000, "A message has at most 16,000 characters.");
