import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api } from "@/lib/api-client";
import { apiPath, query } from "@/lib/api-path";
import type { EntityId } from "@/lib/ids";
import { areaPageSchema, commandAcceptedSchema, entityPageSchema, stateEventSchema, type Area, type DeviceEntity } from "./schemas";

export const deviceKeys = {
  areas: ["devices", "areas"] as const,
  entities: ["devices", "entities"] as const,
};

/** Every page of a list (a home has hundreds of entities, not hundreds of thousands). */
async function allPages<T>(load: (before: string | null) => Promise<{ items: T[]; nextBefore: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let before: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page = await load(before);
    items.push(...page.items);
    if (page.nextBefore === null) {
      break;
    }
    before = page.nextBefore;
  }
  return items;
}

export function useAreas() {
  return useQuery({
    queryKey: deviceKeys.areas,
    queryFn: ({ signal }) => allPages<Area>((before) => api.get(`/api/devices/areas${query({ limit: 1000, before })}`, areaPageSchema, signal)),
  });
}

export function useEntities() {
  return useQuery({
    queryKey: deviceKeys.entities,
    queryFn: ({ signal }) =>
      allPages<DeviceEntity>((before) => api.get(`/api/devices/entities${query({ limit: 1000, before })}`, entityPageSchema, signal)),
  });
}

export type Command =
  | { command: "turn_on" | "turn_off" | "toggle" }
  | { command: "turn_on"; brightness: number }
  | { command: "set"; value: number | string };

export function useSendCommand() {
  return useMutation({
    mutationFn: ({ entityId, command }: { entityId: EntityId; command: Command }) =>
      api.post(apiPath`/api/devices/entities/${entityId}/commands`, command, commandAcceptedSchema),
  });
}

export type LiveStatus = "connecting" | "live" | "reconnecting";

/**
 * Follows /api/devices/events and writes each change into the cached entities. EventSource sends the
 * session cookie (same origin) and, after a dropped connection, Last-Event-ID, so nothing is missed.
 * Closed when the page is left.
 */
export function useLiveStates(): LiveStatus {
  const client = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  useEffect(() => {
    const source = new EventSource("/api/devices/events");
    source.onopen = () => setStatus("live");
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "connecting" : "reconnecting");
    // The event's name is its kind ("state" or "availability"); each carries the entity's whole state.
    const apply = (event: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      const parsed = stateEventSchema.safeParse(data);
      if (!parsed.success) {
        return;
      }
      const change = parsed.data;
      client.setQueryData<DeviceEntity[]>(deviceKeys.entities, (entities) =>
        entities?.map((e) =>
          e.entityId === change.entityId
            ? {
                ...e,
                state: {
                  ...e.state,
                  value: change.state,
                  attributes: change.attributes,
                  available: change.available,
                  lastUpdated: change.recordedAt,
                },
              }
            : e,
        ),
      );
    };
    source.addEventListener("state", apply);
    source.addEventListener("availability", apply);
    return () => source.close();
  }, [client]);
  return status;
}
