import { z } from "zod";
import type { components } from "@/lib/api-types/automation";
import type { Conforms } from "@/lib/conforms";
import { entityIdSchema, uuidSchema } from "@/lib/ids";
import { integer, pageOf } from "@/lib/pages";

type Schemas = components["schemas"];

export const areaSchema = z.object({ id: uuidSchema, name: z.string(), createdAt: z.string(), updatedAt: z.string() });
export type Area = z.infer<typeof areaSchema>;

const attributesSchema = z.record(z.string(), z.unknown());

export const entityStateSchema = z.object({
  value: z.string().nullable(),
  attributes: attributesSchema,
  available: z.boolean().nullable(),
  lastChanged: z.string().nullable(),
  lastUpdated: z.string().nullable(),
  error: z.string().nullable(),
});

export const deviceEntitySchema = z.object({
  entityId: entityIdSchema,
  deviceId: uuidSchema.nullable(),
  component: z.string(),
  name: z.string(),
  discoveredName: z.string().nullable(),
  areaId: uuidSchema.nullable(),
  aliases: z.array(z.string()),
  disabled: z.boolean(),
  support: z.string(),
  problem: z.string().nullable(),
  acceptsCommands: z.boolean(),
  uniqueId: z.string().nullable(),
  state: entityStateSchema,
});
export type DeviceEntity = z.infer<typeof deviceEntitySchema>;

/** One change from /api/devices/events. */
export const stateEventSchema = z.object({
  id: integer,
  entityId: entityIdSchema,
  kind: z.string(),
  state: z.string().nullable(),
  attributes: attributesSchema,
  available: z.boolean().nullable(),
  recordedAt: z.string(),
});
export type StateEvent = z.infer<typeof stateEventSchema>;

export const commandAcceptedSchema = z.object({ id: uuidSchema, status: z.enum(["sent", "queued"]) });
export type CommandAccepted = z.infer<typeof commandAcceptedSchema>;

export const areaPageSchema = pageOf(areaSchema);
export const entityPageSchema = pageOf(deviceEntitySchema);

// Attributes are free-form JSON objects; the generated type says Record<string, never>, so they are left out of the check.
type WithoutAttributes<T> = T extends { attributes: unknown } ? Omit<T, "attributes"> : T;
export const conformance: [
  Conforms<Area, Schemas["Area"]>,
  Conforms<Omit<DeviceEntity, "state"> & { state: WithoutAttributes<DeviceEntity["state"]> }, Omit<Schemas["DeviceEntity"], "state"> & { state: Omit<Schemas["EntityState"], "attributes"> }>,
  Conforms<WithoutAttributes<StateEvent>, Omit<Schemas["StateEvent"], "attributes">>,
  Conforms<CommandAccepted, Schemas["CommandAccepted"]>,
] = [true, true, true, true];
