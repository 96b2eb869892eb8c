import { useEffect, useId, useRef, useState, type SyntheticEvent } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { useSaveAutomation } from "../api/automations";
import { lineOfPath, pathErrors } from "../api/field-errors";
import type { Automation, EditorFormat } from "../api/schemas";

export const newAutomationTemplate = `alias: New automation
mode: single
triggers:
  - trigger: state
    entity_id: binary_sensor.front_door
    to: "on"
actions:
  - action: light.turn_on
    target:
      entity_id: light.hall
`;

/** The text to edit: the latest version as it was written, or the template for a new automation. */
function initialSource(automation: Automation | null): { source: string; format: EditorFormat } {
  const latest = automation?.versions?.[0];
  if (automation === null) {
    return { source: newAutomationTemplate, format: "yaml" };
  }
  if (latest === undefined) {
    return { source: JSON.stringify(automation.definition, null, 2), format: "json" };
  }
  return { source: latest.source, format: latest.format === "json" ? "json" : "yaml" };
}

/**
 * A YAML or JSON editor for one automation (a plain textarea). Saving sends the text as written; the service's
 * validation errors are listed by their path, with the line the path points at when it can be found.
 * `initial` starts it from other text (an earlier version chosen to restore; the parent keys the editor by it).
 */
export function AutomationEditor({
  automation,
  initial,
  onSaved,
}: {
  automation: Automation | null;
  initial?: { source: string; format: EditorFormat } | undefined;
  onSaved: (saved: Automation) => void;
}) {
  const ids = useId();
  const save = useSaveAutomation();
  const [draft, setDraft] = useState(() => initial ?? initialSource(automation));
  const abort = useRef<AbortController | null>(null);

  // Leaving the page aborts a save in flight.
  useEffect(() => () => abort.current?.abort(), []);

  const switchFormat = (format: EditorFormat) => {
    if (format === draft.format) {
      return;
    }
    // JSON is shown from the stored definition when the text is still what was loaded; YAML keeps the text
    // (JSON is YAML too), so switching never loses an edit.
    const unchanged = automation !== null && draft.source === initialSource(automation).source;
    setDraft({ format, source: format === "json" && unchanged ? JSON.stringify(automation.definition, null, 2) : draft.source });
  };

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    save.mutate({ id: automation?.id ?? null, source: draft.source, format: draft.format, signal: controller.signal }, { onSuccess: onSaved });
  };

  const errors = pathErrors(save.error);
  const errorsId = `${ids}-errors`;
  return (
    <form onSubmit={submit} className="editor" aria-label="Automation editor">
      <fieldset className="row">
        <legend>Format</legend>
        {(["yaml", "json"] as const).map((format) => (
          <label key={format} className="checkbox">
            <input type="radio" name={`${ids}-format`} value={format} checked={draft.format === format} onChange={() => switchFormat(format)} />
            {format.toUpperCase()}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${ids}-source`}>Definition ({draft.format.toUpperCase()})</label>
      <textarea
        id={`${ids}-source`}
        className="code"
        rows={18}
        spellCheck={false}
        value={draft.source}
        onChange={(e) => setDraft({ ...draft, source: e.target.value })}
        aria-invalid={errors.length > 0}
        aria-describedby={errors.length > 0 ? errorsId : undefined}
      />
      {errors.length > 0 ? (
        <div role="alert" id={errorsId} className="notice notice-error">
          <p>The automation was not saved:</p>
          <ul aria-label="Validation errors" className="path-errors">
            {errors.map((error) => {
              const line = lineOfPath(draft.source, error.path);
              return (
                <li key={error.path}>
                  <code>{error.path}</code>
                  {line !== null && <span className="muted"> (line {line})</span>}: {error.messages.join(" ")}
                </li>
              );
            })}
          </ul>
        </div>
      ) : (
        <ErrorNotice error={save.error} />
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {automation === null ? "Create automation" : "Save automation"}
        </button>
      </div>
    </form>
  );
}
