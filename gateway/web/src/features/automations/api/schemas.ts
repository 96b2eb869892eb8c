import { z } from "zod";
import type { components } from "@/lib/api-types/automation";
import type { Conforms } from "@/lib/conforms";
import { uuidSchema } from "@/lib/ids";
import { integer, pageOf } from "@/lib/pages";

type Schemas = components["schemas"];

/** A JSON object as the automation service stores it (a definition, a trigger, variables). */
const jsonObjectSchema = z.record(z.string(), z.unknown());

export const editorFormatSchema = z.enum(["yaml", "json"]);
export type EditorFormat = z.infer<typeof editorFormatSchema>;

export const automationVersionSchema = z.object({
  version: integer,
  createdAt: z.string(),
  createdBy: uuidSchema.nullable(),
  format: z.string(),
  source: z.string(),
});
export type AutomationVersion = z.infer<typeof automationVersionSchema>;

export const automationSchema = z.object({
  id: uuidSchema,
  alias: z.string(),
  enabled: z.boolean(),
  version: integer,
  definition: jsonObjectSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  lastTriggered: z.string().nullable(),
  /** Finished runs counted by result: succeeded, skipped, stopped, failed, cancelled. */
  runCounts: z.record(z.string(), integer),
  /** Filled by GET /{id} (newest first); null in lists. */
  versions: z.array(automationVersionSchema).nullable(),
});
export type Automation = z.infer<typeof automationSchema>;

export const runSummarySchema = z.object({
  id: uuidSchema,
  automationId: uuidSchema,
  version: integer,
  status: z.string(),
  trigger: jsonObjectSchema,
  catchUp: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const traceStepSchema = z.object({
  seq: integer,
  path: z.string(),
  iteration: z.string(),
  kind: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  result: z.unknown(),
  error: z.string().nullable(),
});
export type TraceStep = z.infer<typeof traceStepSchema>;

export const runTraceSchema = z.object({ run: runSummarySchema, variables: jsonObjectSchema, steps: z.array(traceStepSchema) });
export type RunTrace = z.infer<typeof runTraceSchema>;

export const runAcceptedSchema = z.object({ runId: uuidSchema });

export const automationPageSchema = pageOf(automationSchema);
export const runPageSchema = pageOf(runSummarySchema);

// Free-form JSON (definition, trigger, variables, a step's result) is generated as Record<string, never> or JsonNode: left out of the check.
type WithoutJson<T> = Omit<T, "definition" | "trigger" | "variables" | "result" | "versions" | "run" | "steps">;
export const conformance: [
  Conforms<AutomationVersion, Schemas["AutomationVersion"]>,
  Conforms<WithoutJson<Automation>, WithoutJson<Schemas["AutomationView"]>>,
  Conforms<WithoutJson<RunSummary>, WithoutJson<Schemas["RunSummary"]>>,
  Conforms<WithoutJson<TraceStep>, WithoutJson<Schemas["TraceStep"]>>,
  Conforms<z.infer<typeof runAcceptedSchema>, Schemas["RunAccepted"]>,
] = [true, true, true, true, true];
