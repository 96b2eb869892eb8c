import { z } from "zod";

/** A UUID in the 36-character form chat and automation accept in their routes (audit finding 7). */
export const uuidSchema = z.uuid().brand<"Uuid">();
export type Uuid = z.infer<typeof uuidSchema>;

export function isUuid(value: unknown): value is Uuid {
  return uuidSchema.safeParse(value).success;
}

/** The id as a UUID, or an error: an id that is not one never reaches a URL. */
export function asUuid(value: string): Uuid {
  const parsed = uuidSchema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidIdError(value);
  }
  return parsed.data;
}

/** Home Assistant's `<component>.<slug>`, as automation writes entity ids. */
export const entityIdSchema = z
  .string()
  .regex(/^[a-z_]+\.[a-z0-9_]+$/, "An entity id is <component>.<slug>.")
  .brand<"EntityId">();
export type EntityId = z.infer<typeof entityIdSchema>;

export function asEntityId(value: string): EntityId {
  const parsed = entityIdSchema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidIdError(value);
  }
  return parsed.data;
}

/** A plugin id as the plugin manifest requires it. */
export const pluginIdSchema = z.string().regex(/^[a-z0-9_]{3,32}$/).brand<"PluginId">();
export type PluginId = z.infer<typeof pluginIdSchema>;

/** A monitor check's id: 1–63 of a-z, 0-9 and '-', as the monitor requires (also its MQTT alert topic's last level). */
export const checkIdSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62})$/, "A check id is 1–63 of a-z, 0-9 and '-'.").brand<"CheckId">();
export type CheckId = z.infer<typeof checkIdSchema>;

export class InvalidIdError extends Error {
  constructor(readonly value: string) {
    super(`"${value}" is not a valid id.`);
    this.name = "InvalidIdError";
  }
}

/**
 * A message's client id: 128 random bits as 22 base64url characters (chat accepts 1–64 of
 * A-Z a-z 0-9 _ -). Collision-free where Date.now() was not (audit finding 10), and made with
 * crypto.getRandomValues, which unlike crypto.randomUUID also works on plain-HTTP LAN addresses.
 */
export function newClientId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let text = "";
  for (const byte of bytes) {
    text += String.fromCharCode(byte);
  }
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
