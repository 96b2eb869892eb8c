import { z } from "zod";
import type { components } from "@/lib/api-types/monitor";
import type { Conforms } from "@/lib/conforms";
import { checkIdSchema, uuidSchema } from "@/lib/ids";
import { integer, pageOf } from "@/lib/pages";

type Schemas = components["schemas"];

/** double fields may come as numbers or numeric strings (the OpenAPI document allows both). */
const decimal = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/).transform(Number)]);

export const checkStatusSchema = z.enum(["down", "up", "pending", "maintenance", "paused"]);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

export const checkKindSchema = z.enum(["http", "tcp", "dns", "tls", "mqtt", "service", "postgres", "redis", "mqtt-broker", "prometheus"]);

export const checkSnapshotSchema = z.object({
  id: checkIdSchema,
  name: z.string(),
  kind: checkKindSchema,
  target: z.string().nullable(),
  status: checkStatusSchema,
  since: z.string(),
  lastCheckedAt: z.string().nullable(),
  latencyMs: decimal.nullable(),
  message: z.string().nullable(),
  flapping: z.boolean(),
  certificateDays: decimal.nullable(),
  certificateValid: z.boolean().nullable(),
});
export type CheckSnapshot = z.infer<typeof checkSnapshotSchema>;

/** Uptime over 24 h, 7, 30 and 365 days (0–1), null while there is no history for the span. */
export const uptimeSchema = z.object({ day: decimal.nullable(), week: decimal.nullable(), month: decimal.nullable(), year: decimal.nullable() });
export type Uptime = z.infer<typeof uptimeSchema>;

export const statusReportSchema = z.object({
  status: checkStatusSchema,
  at: z.string(),
  leader: z.boolean(),
  checks: z.array(z.object({ check: checkSnapshotSchema, uptime: uptimeSchema })),
});
export type StatusReport = z.infer<typeof statusReportSchema>;

/** A `change` event of /api/monitor/events. */
export const statusChangeSchema = z.object({
  checkId: checkIdSchema,
  name: z.string(),
  from: checkStatusSchema,
  to: checkStatusSchema,
  at: z.string(),
  message: z.string().nullable(),
  flapping: z.boolean(),
});
export type StatusChange = z.infer<typeof statusChangeSchema>;

export const historyPointSchema = z.object({
  at: z.string(),
  total: integer,
  up: integer,
  maintenance: integer,
  latencyMs: decimal.nullable(),
  maxLatencyMs: decimal.nullable(),
  message: z.string().nullable(),
});
export type HistoryPoint = z.infer<typeof historyPointSchema>;

export const incidentSchema = z.object({
  id: uuidSchema,
  checkId: checkIdSchema,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationSeconds: decimal.nullable(),
  cause: z.string().nullable(),
  muted: z.boolean(),
});
export type Incident = z.infer<typeof incidentSchema>;

/** What pause and resume answer: the check's definition (only what the page uses is read). */
export const checkDefinitionSchema = z.looseObject({ id: checkIdSchema, name: z.string(), paused: z.boolean(), builtIn: z.boolean() });

export const historyPageSchema = pageOf(historyPointSchema);
export const incidentPageSchema = pageOf(incidentSchema);

export const conformance: [
  Conforms<CheckSnapshot, Schemas["CheckSnapshot"]>,
  Conforms<Uptime, Schemas["UptimeRatios"]>,
  Conforms<StatusReport, Schemas["StatusReport"]>,
  Conforms<StatusChange, Schemas["StatusChange"]>,
  Conforms<HistoryPoint, Schemas["HistoryPoint"]>,
  Conforms<Incident, Schemas["Incident"]>,
  Conforms<Pick<z.infer<typeof checkDefinitionSchema>, "id" | "name" | "paused" | "builtIn">, Pick<Schemas["CheckDefinition"], "id" | "name" | "paused" | "builtIn">>,
] = [true, true, true, true, true, true, true];
