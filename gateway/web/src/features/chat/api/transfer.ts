import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { api } from "@/lib/api-client";
import { apiPath, query } from "@/lib/api-path";
import type { components } from "@/lib/api-types/chat";
import type { Conforms } from "@/lib/conforms";
import type { Uuid } from "@/lib/ids";
import { conversationKeys } from "./conversations";
import { contentSchema, conversationSchema, titleSchema } from "./schemas";

/** A JSON export as chat writes it (GET …/export), checked before it is sent back to be imported. */
export const conversationExportSchema = z.object({
  format: z.literal("jarvis.conversation"),
  version: z.literal(1),
  id: z.uuid(),
  title: titleSchema.nullable(),
  pinned: z.boolean(),
  archived: z.boolean(),
  createdAt: z.string(),
  messages: z
    .array(
      z.object({
        role: z.enum(["user", "assistant"]),
        content: contentSchema,
        clientId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).nullable(),
        createdAt: z.string(),
      }),
    )
    .max(10_000),
});
export type ConversationExport = z.infer<typeof conversationExportSchema>;

export const conformance: Conforms<ConversationExport, components["schemas"]["ImportConversationRequest"]> = true;

/** Where the browser downloads an export (the session cookie goes with it, as with any request of this origin). */
export function exportUrl(id: Uuid, format: "json" | "markdown"): string {
  return apiPath`/api/chat/conversations/${id}/export` + query({ format });
}

/** Reads a file as an export: JSON that matches the schema, or an error saying where it does not. */
export function parseExport(text: string): ConversationExport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error("The file is not JSON.");
  }
  const parsed = conversationExportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`The file is not a Jarvis conversation export (${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "invalid"}).`);
  }
  return parsed.data;
}

export function useImportConversation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => api.post("/api/chat/conversations/import", parseExport(await file.text()), conversationSchema),
    onSuccess: () => void client.invalidateQueries({ queryKey: conversationKeys.list() }),
  });
}
