import { useState } from "react";
import { errorMessage } from "@/lib/problem";
import { useSendCommand, type Command } from "../api/devices";
import type { DeviceEntity } from "../api/schemas";

const TOGGLEABLE = new Set(["light", "switch"]);

function brightnessOf(entity: DeviceEntity): number | null {
  const value = entity.state.attributes.brightness;
  return typeof value === "number" ? value : null;
}

/** One entity: its live state, and the controls its component takes. */
export function EntityCard({ entity }: { entity: DeviceEntity }) {
  const send = useSendCommand();
  const [outcome, setOutcome] = useState<string | null>(null);
  const brightness = brightnessOf(entity);
  const [draftBrightness, setDraftBrightness] = useState<number | null>(null);
  const unavailable = entity.state.available === false;
  const controllable = entity.acceptsCommands && !entity.disabled && entity.support === "supported" && !unavailable;

  const command = (c: Command) =>
    send.mutate(
      { entityId: entity.entityId, command: c },
      {
        onSuccess: (accepted) => setOutcome(accepted.status === "queued" ? "queued: the broker is away, it goes out when it is back" : "sent"),
        onError: (error) => setOutcome(errorMessage(error)),
      },
    );

  const isOn = entity.state.value === "on";
  const labelId = `entity-${entity.entityId}`;
  return (
    <li className="entity" aria-labelledby={labelId}>
      <div className="entity-head">
        <span id={labelId} className="entity-name">
          {entity.name}
        </span>
        <span className="entity-state" data-testid="entity-state">
          {unavailable ? "unavailable" : (entity.state.value ?? "unknown")}
          {entity.state.value !== null && typeof entity.state.attributes.unit_of_measurement === "string" ? ` ${entity.state.attributes.unit_of_measurement}` : ""}
        </span>
      </div>
      {entity.support !== "supported" && <p className="muted">{entity.problem ?? entity.support}</p>}
      {controllable && TOGGLEABLE.has(entity.component) && (
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            aria-label={entity.name}
            checked={isOn}
            disabled={send.isPending}
            onChange={(e) => command({ command: e.target.checked ? "turn_on" : "turn_off" })}
          />
          <span aria-hidden="true">{isOn ? "On" : "Off"}</span>
        </label>
      )}
      {controllable && entity.component === "light" && brightness !== null && (
        <label className="slider">
          <span aria-hidden="true">Brightness</span>
          <input
            aria-label={`Brightness of ${entity.name}`}
            type="range"
            min={0}
            max={255}
            value={draftBrightness ?? brightness}
            onChange={(e) => setDraftBrightness(Number(e.target.value))}
            onPointerUp={() => draftBrightness !== null && command({ command: "turn_on", brightness: draftBrightness })}
            onKeyUp={() => draftBrightness !== null && command({ command: "turn_on", brightness: draftBrightness })}
          />
        </label>
      )}
      {controllable && entity.component === "button" && (
        <button type="button" onClick={() => command({ command: "turn_on" })}>
          Press {entity.name}
        </button>
      )}
      <p role="status" className="muted entity-outcome">
        {outcome ?? ""}
      </p>
    </li>
  );
}
