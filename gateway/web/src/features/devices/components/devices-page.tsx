import { useMemo } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { useAreas, useEntities, useLiveStates } from "../api/devices";
import type { DeviceEntity } from "../api/schemas";
import { EntityCard } from "./entity-card";

/** Devices by area, each entity's state live from the server-sent events. */
export function DevicesPage() {
  const areas = useAreas();
  const entities = useEntities();
  const live = useLiveStates();

  const groups = useMemo(() => {
    const byArea = new Map<string | null, DeviceEntity[]>();
    for (const e of entities.data ?? []) {
      if (e.disabled) {
        continue;
      }
      const list = byArea.get(e.areaId) ?? [];
      list.push(e);
      byArea.set(e.areaId, list);
    }
    const named = (areas.data ?? []).map((a) => ({ id: a.id, name: a.name, entities: byArea.get(a.id) ?? [] }));
    const known = new Set<string | null>(named.map((a) => a.id));
    const unplaced = [...byArea.entries()].filter(([id]) => !known.has(id)).flatMap(([, list]) => list);
    return [...named.filter((a) => a.entities.length > 0), ...(unplaced.length > 0 ? [{ id: null, name: "No area", entities: unplaced }] : [])];
  }, [areas.data, entities.data]);

  return (
    <div className="devices">
      <div className="row spread">
        <h1>Devices</h1>
        <p role="status" className={live === "live" ? "badge badge-ok" : "badge"}>
          {live === "live" ? "Live" : live === "reconnecting" ? "Reconnecting…" : "Connecting…"}
        </p>
      </div>
      <ErrorNotice error={areas.error ?? entities.error} />
      {entities.isSuccess && groups.length === 0 && <p className="muted">No devices yet. Jarvis finds them through MQTT discovery (docs/devices.md).</p>}
      {groups.map((group) => (
        <section key={group.id ?? "none"} aria-labelledby={`area-${group.id ?? "none"}`} className="area">
          <h2 id={`area-${group.id ?? "none"}`}>{group.name}</h2>
          <ul className="entities">
            {group.entities.map((e) => (
              <EntityCard key={e.entityId} entity={e} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
