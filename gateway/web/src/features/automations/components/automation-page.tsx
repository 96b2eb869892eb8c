import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { ErrorNotice } from "@/components/error-notice";
import { isUuid, type Uuid } from "@/lib/ids";
import { useAutomation, useDeleteAutomation, useRunNow, useRuns, useSetEnabled, useTrace } from "../api/automations";
import type { Automation, AutomationVersion, EditorFormat } from "../api/schemas";
import { AutomationEditor } from "./automation-editor";
import { formatRunCounts, formatWhen } from "./run-counts";
import { RunTimeline } from "./run-timeline";

/** A new automation: the editor with a template; saved, it opens as its own page. */
export function NewAutomationPage() {
  const navigate = useNavigate();
  return (
    <div>
      <p>
        <Link to="/automations">Automations</Link>
      </p>
      <h1>New automation</h1>
      <p className="muted">Home Assistant&apos;s automation schema, in YAML or JSON (see docs/automations.md for the subset).</p>
      <AutomationEditor automation={null} onSaved={(saved) => void navigate(`/automations/${saved.id}`, { replace: true })} />
    </div>
  );
}

/** One automation: enable, run now, edit (admins), its versions, its runs and each run's trace. */
export function AutomationPage({ id, isAdmin }: { id: Uuid; isAdmin: boolean }) {
  const automation = useAutomation(id);
  if (automation.isPending) {
    return <p className="muted">Loading…</p>;
  }
  if (automation.error !== null || automation.data === null) {
    return (
      <div>
        <p>
          <Link to="/automations">Automations</Link>
        </p>
        <ErrorNotice error={automation.error ?? new Error("There is no such automation.")} />
      </div>
    );
  }
  return <AutomationDetail automation={automation.data} isAdmin={isAdmin} />;
}

function AutomationDetail({ automation, isAdmin }: { automation: Automation; isAdmin: boolean }) {
  const navigate = useNavigate();
  const setEnabled = useSetEnabled();
  const runNow = useRunNow();
  const remove = useDeleteAutomation();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [restore, setRestore] = useState<{ source: string; format: EditorFormat; version: number } | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [search, setSearch] = useSearchParams();
  const runParam = search.get("run");
  const selectedRun: Uuid | null = isUuid(runParam) ? runParam : null;
  const selectRun = (runId: Uuid) => setSearch({ run: runId }, { replace: true });

  const run = () =>
    runNow.mutate({ id: automation.id, skipConditions: false }, { onSuccess: (accepted) => selectRun(accepted.runId) });

  return (
    <div className="automation">
      <p>
        <Link to="/automations">Automations</Link>
      </p>
      <div className="row spread">
        <h1>{automation.alias}</h1>
        <div className="row">
          {isAdmin && (
            <label className="checkbox">
              <input
                type="checkbox"
                role="switch"
                checked={automation.enabled}
                disabled={setEnabled.isPending}
                onChange={(e) => setEnabled.mutate({ id: automation.id, enabled: e.target.checked })}
              />
              Enabled
            </label>
          )}
          <button type="button" onClick={run} disabled={!automation.enabled || runNow.isPending}>
            Run now
          </button>
          {isAdmin && (
            <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          )}
        </div>
      </div>
      <p className="muted">
        Version {automation.version} · {automation.enabled ? "enabled" : "disabled"} · last triggered {formatWhen(automation.lastTriggered)} ·{" "}
        {formatRunCounts(automation.runCounts)}
      </p>
      <ErrorNotice error={setEnabled.error ?? runNow.error ?? remove.error} />
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete ${automation.alias}?`}
        message="Its versions and traces are deleted with it."
        confirmLabel="Delete"
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false);
          remove.mutate(automation.id, { onSuccess: () => void navigate("/automations", { replace: true }) });
        }}
      />

      <div className="automation-grid">
        <section aria-labelledby="definition-title">
          <h2 id="definition-title">{isAdmin ? "Edit" : "Definition"}</h2>
          {isAdmin ? (
            <>
              {restore !== null && (
                <p role="status" className="notice">
                  Version {restore.version} is in the editor: save to make it the current version.
                </p>
              )}
              {saved !== null && restore === null && (
                <p role="status" className="notice">
                  Saved as version {saved}.
                </p>
              )}
              <AutomationEditor
                key={restore?.version ?? "current"}
                automation={automation}
                initial={restore ?? undefined}
                onSaved={(version) => {
                  setRestore(null);
                  setSaved(version.version);
                }}
              />
            </>
          ) : (
            <pre className="result" aria-label="Definition">
              {automation.versions?.[0]?.source ?? JSON.stringify(automation.definition, null, 2)}
            </pre>
          )}
          <Versions versions={automation.versions ?? []} current={automation.version} onRestore={isAdmin ? setRestore : null} />
        </section>
        <section aria-labelledby="runs-title">
          <h2 id="runs-title">Runs</h2>
          <Runs id={automation.id} selected={selectedRun} onSelect={selectRun} />
        </section>
      </div>
    </div>
  );
}

function Versions({
  versions,
  current,
  onRestore,
}: {
  versions: AutomationVersion[];
  current: number;
  onRestore: ((version: { source: string; format: EditorFormat; version: number }) => void) | null;
}) {
  if (versions.length <= 1) {
    return null;
  }
  return (
    <details className="versions">
      <summary>Version history ({versions.length})</summary>
      <ol aria-label="Versions">
        {versions.map((v) => (
          <li key={v.version}>
            Version {v.version} · {formatWhen(v.createdAt)} · {v.format.toUpperCase()}
            {v.version === current ? (
              " (current)"
            ) : onRestore !== null ? (
              <button type="button" className="link" onClick={() => onRestore({ source: v.source, format: v.format === "json" ? "json" : "yaml", version: v.version })}>
                Load version {v.version} into the editor
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </details>
  );
}

function Runs({ id, selected, onSelect }: { id: Uuid; selected: Uuid | null; onSelect: (runId: Uuid) => void }) {
  const runs = useRuns(id);
  const trace = useTrace(id, selected);
  return (
    <div>
      <ErrorNotice error={runs.error} />
      {runs.isSuccess && runs.data.items.length === 0 && <p className="muted">It has not run yet.</p>}
      {runs.isSuccess && runs.data.items.length > 0 && (
        <ul aria-label="Runs" className="runs">
          {runs.data.items.map((r) => (
            <li key={r.id}>
              <button type="button" className={r.id === selected ? "link selected" : "link"} aria-pressed={r.id === selected} onClick={() => onSelect(r.id)}>
                {formatWhen(r.startedAt)}
              </button>{" "}
              <span className={`status status-${r.status}`}>{r.status}</span>
              {r.error !== null && <span className="muted"> · {r.error}</span>}
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice error={trace.error} />
      {trace.data !== undefined && trace.data !== null && <RunTimeline trace={trace.data} />}
    </div>
  );
}
