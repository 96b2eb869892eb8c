import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api } from "@/lib/api-client";
import { apiPath, query } from "@/lib/api-path";
import type { CheckId } from "@/lib/ids";
import { applyChange, applySnapshot } from "./live";
import {
  checkDefinitionSchema,
  checkSnapshotSchema,
  historyPageSchema,
  incidentPageSchema,
  statusChangeSchema,
  statusReportSchema,
  type StatusReport,
} from "./schemas";

export const monitorKeys = {
  status: ["monitor", "status"] as const,
  incidents: ["monitor", "incidents"] as const,
  history: (id: CheckId, resolution: "hour" | "raw") => ["monitor", "history", id, resolution] as const,
};

/** The status of every check; kept current by the event stream (useMonitorEvents), re-read each minute for the uptime ratios. */
export function useStatus() {
  return useQuery({
    queryKey: monitorKeys.status,
    queryFn: ({ signal }) => api.get("/api/monitor/status", statusReportSchema, signal),
    refetchInterval: 60_000,
  });
}

/**
 * A check's history, oldest first: hourly rollups over the last 24 h (the uptime bar), or the last attempts
 * (the response-time chart).
 */
export function useHistory(id: CheckId, resolution: "hour" | "raw") {
  return useQuery({
    queryKey: monitorKeys.history(id, resolution),
    queryFn: async ({ signal }) => {
      const params = resolution === "hour" ? { resolution, limit: 24 } : { resolution, limit: 120 };
      const page = await api.get(apiPath`/api/monitor/checks/${id}/history` + query(params), historyPageSchema, signal);
      return [...page.items].reverse();
    },
    refetchInterval: resolution === "hour" ? 60_000 : 10_000,
  });
}

export function useIncidents() {
  return useQuery({
    queryKey: monitorKeys.incidents,
    queryFn: ({ signal }) => api.get(`/api/monitor/incidents${query({ limit: 20 })}`, incidentPageSchema, signal),
    refetchInterval: 30_000,
  });
}

/** Pause or resume a check (admins); the status follows from the event stream and a fresh read. */
export function usePauseCheck() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, paused }: { id: CheckId; paused: boolean }) =>
      api.post(paused ? apiPath`/api/monitor/checks/${id}/pause` : apiPath`/api/monitor/checks/${id}/resume`, {}, checkDefinitionSchema),
    onSuccess: () => void client.invalidateQueries({ queryKey: monitorKeys.status }),
  });
}

export type LiveStatus = "connecting" | "live" | "reconnecting";

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/**
 * Follows /api/monitor/events: each `status` event (every check as it stands, sent first) and each `change`
 * is written into the cached status report, so the page changes the moment a check does. An incident opens
 * or closes with a change to or from down, so the incidents are read again then. Closed when the page is left.
 */
export function useMonitorEvents(): LiveStatus {
  const client = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  useEffect(() => {
    const source = new EventSource("/api/monitor/events");
    source.onopen = () => setStatus("live");
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "connecting" : "reconnecting");
    const update = (change: (report: StatusReport) => StatusReport) =>
      client.setQueryData<StatusReport>(monitorKeys.status, (report) => (report === undefined ? report : change(report)));
    source.addEventListener("status", (event: MessageEvent<string>) => {
      const parsed = checkSnapshotSchema.safeParse(parse(event.data));
      if (parsed.success) {
        update((report) => applySnapshot(report, parsed.data));
      }
    });
    source.addEventListener("change", (event: MessageEvent<string>) => {
      const parsed = statusChangeSchema.safeParse(parse(event.data));
      if (parsed.success) {
        update((report) => applyChange(report, parsed.data));
        if (parsed.data.from === "down" || parsed.data.to === "down") {
          void client.invalidateQueries({ queryKey: monitorKeys.incidents });
        }
      }
    });
    return () => source.close();
  }, [client]);
  return status;
}
