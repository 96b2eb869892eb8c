import { z } from "zod";
import type { components } from "@/lib/api-types/chat";
import type { Conforms } from "@/lib/conforms";
import { pluginIdSchema, uuidSchema } from "@/lib/ids";
import { integer, pageOf } from "@/lib/pages";

type Schemas = components["schemas"];

export const roleSchema = z.enum(["admin", "user"]);
export type Role = z.infer<typeof roleSchema>;

export const userAccountSchema = z.object({
  id: uuidSchema,
  username: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserAccount = z.infer<typeof userAccountSchema>;

export const auditEntrySchema = z.object({
  id: integer,
  occurredAt: z.string(),
  actorId: uuidSchema.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  remoteAddress: z.string().nullable(),
  details: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const userPageSchema = pageOf(userAccountSchema);
export const auditPageSchema = pageOf(auditEntrySchema);

export const conformance: [Conforms<UserAccount, Schemas["UserAccount"]>, Conforms<z.infer<typeof auditPageSchema>, Schemas["PageOfAuditEntry"]>] = [true, true];

/** Chat's rules for new accounts, checked in the form before anything is sent. */
export const usernameSchema = z.string().regex(/^[A-Za-z0-9._-]{2,32}$/, "2–32 letters, digits, '.', '_' or '-'.");
export const passwordSchema = z.string().min(12, "At least 12 characters.").max(256, "At most 256 characters.");

// The plugins service answers through gRPC JSON transcoding (proto/plugins.proto): int64 as strings,
// and default values may be left out.
const count = integer.optional().default(0);
export const pluginSchema = z.object({
  id: pluginIdSchema,
  version: z.string().optional().default(""),
  name: z.string().optional().default(""),
  description: z.string().optional().default(""),
  status: z.string().optional().default(""),
  error: z.string().optional().default(""),
  hooks: z.array(z.string()).optional().default([]),
  permissions: z.array(z.string()).optional().default([]),
  priority: count,
  statistics: z
    .object({ calls: count, errors: count, timeouts: count, memoryLimitHits: count, memoryBytes: count, meanLatencyMs: z.number().optional().default(0), maxLatencyMs: z.number().optional().default(0) })
    .optional(),
});
export type Plugin = z.infer<typeof pluginSchema>;

export const pluginListSchema = z.object({ plugins: z.array(pluginSchema).optional().default([]) });
export const invokeReplySchema = z.object({ result: z.unknown() });
