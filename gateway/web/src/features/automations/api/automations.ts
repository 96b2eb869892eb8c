import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { apiPath, query } from "@/lib/api-path";
import type { Uuid } from "@/lib/ids";
import { automationPageSchema, automationSchema, runAcceptedSchema, runPageSchema, runTraceSchema, type EditorFormat } from "./schemas";

export const automationKeys = {
  all: ["automations"] as const,
  list: ["automations", "list"] as const,
  one: (id: Uuid) => ["automations", "one", id] as const,
  runs: (id: Uuid) => ["automations", "runs", id] as const,
  trace: (id: Uuid, runId: Uuid) => ["automations", "trace", id, runId] as const,
};

/** The content type each editor format is sent with: the service parses YAML or JSON from it. */
export const contentTypes: Record<EditorFormat, string> = { yaml: "application/yaml", json: "application/json" };

export function useAutomations() {
  return useQuery({
    queryKey: automationKeys.list,
    queryFn: ({ signal }) => api.get(`/api/automations${query({ limit: 200 })}`, automationPageSchema, signal),
  });
}

export function useAutomation(id: Uuid | null) {
  return useQuery({
    queryKey: id === null ? ["automations", "one", "none"] : automationKeys.one(id),
    queryFn: ({ signal }) => (id === null ? Promise.resolve(null) : api.get(apiPath`/api/automations/${id}`, automationSchema, signal)),
    enabled: id !== null,
  });
}

/** The automation's runs, newest first; polled while one of them is still running. */
export function useRuns(id: Uuid) {
  return useQuery({
    queryKey: automationKeys.runs(id),
    queryFn: ({ signal }) => api.get(apiPath`/api/automations/${id}/traces` + query({ limit: 20 }), runPageSchema, signal),
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.finishedAt === null) === true ? 1000 : false),
    placeholderData: keepPreviousData,
  });
}

export function useTrace(id: Uuid, runId: Uuid | null) {
  return useQuery({
    queryKey: runId === null ? ["automations", "trace", id, "none"] : automationKeys.trace(id, runId),
    queryFn: ({ signal }) => (runId === null ? Promise.resolve(null) : api.get(apiPath`/api/automations/${id}/traces/${runId}`, runTraceSchema, signal)),
    enabled: runId !== null,
    refetchInterval: (q) => (q.state.data !== null && q.state.data !== undefined && q.state.data.run.finishedAt === null ? 1000 : false),
  });
}

/** Saves a definition as written: a new automation (POST) or a new version of one (PUT). */
export function useSaveAutomation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, source, format, signal }: { id: Uuid | null; source: string; format: EditorFormat; signal?: AbortSignal }) =>
      api.send(id === null ? "POST" : "PUT", id === null ? "/api/automations" : apiPath`/api/automations/${id}`, {
        schema: automationSchema,
        text: { content: source, contentType: contentTypes[format] },
        signal,
      }),
    onSuccess: (saved) => {
      client.setQueryData(automationKeys.one(saved.id), saved);
      void client.invalidateQueries({ queryKey: automationKeys.list });
    },
  });
}

export function useSetEnabled() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: Uuid; enabled: boolean }) => api.patch(apiPath`/api/automations/${id}`, { enabled }, automationSchema),
    onSuccess: (saved) => {
      client.setQueryData(automationKeys.one(saved.id), saved);
      void client.invalidateQueries({ queryKey: automationKeys.list });
    },
  });
}

export function useRunNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, skipConditions }: { id: Uuid; skipConditions: boolean }) => api.post(apiPath`/api/automations/${id}/run`, { skipConditions }, runAcceptedSchema),
    onSuccess: (_, { id }) => void client.invalidateQueries({ queryKey: automationKeys.runs(id) }),
  });
}

export function useDeleteAutomation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: Uuid) => api.delete(apiPath`/api/automations/${id}`),
    onSuccess: (_, id) => {
      client.removeQueries({ queryKey: automationKeys.one(id) });
      void client.invalidateQueries({ queryKey: automationKeys.list });
    },
  });
}
