import { Link } from "react-router";
import { ErrorNotice } from "@/components/error-notice";
import { useRunNow, useSetEnabled, useAutomations } from "../api/automations";
import { formatRunCounts, formatWhen } from "./run-counts";

/** Every automation: alias, enabled, last triggered, runs by result; enable/disable (admins) and run now. */
export function AutomationsPage({ isAdmin }: { isAdmin: boolean }) {
  const automations = useAutomations();
  const setEnabled = useSetEnabled();
  const runNow = useRunNow();
  return (
    <div>
      <div className="row spread">
        <h1>Automations</h1>
        {isAdmin && (
          <Link to="/automations/new" className="button">
            New automation
          </Link>
        )}
      </div>
      <ErrorNotice error={automations.error ?? setEnabled.error ?? runNow.error} />
      {runNow.isSuccess && (
        <p role="status" className="notice">
          Run started.{" "}
          <Link to={`/automations/${runNow.variables.id}?run=${runNow.data.runId}`}>Show its trace</Link>
        </p>
      )}
      {automations.isPending && <p className="muted">Loading…</p>}
      {automations.isSuccess && automations.data.items.length === 0 && (
        <p className="muted">No automations yet.{isAdmin ? " Make one with New automation, or paste one from Home Assistant." : ""}</p>
      )}
      {automations.isSuccess && automations.data.items.length > 0 && (
        <table>
          <caption className="visually-hidden">Automations</caption>
          <thead>
            <tr>
              <th scope="col">Alias</th>
              <th scope="col">Enabled</th>
              <th scope="col">Last triggered</th>
              <th scope="col">Runs</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {automations.data.items.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <Link to={`/automations/${a.id}`}>{a.alias}</Link>
                </th>
                <td>
                  {isAdmin ? (
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        role="switch"
                        checked={a.enabled}
                        disabled={setEnabled.isPending}
                        onChange={(e) => setEnabled.mutate({ id: a.id, enabled: e.target.checked })}
                        aria-label={`Enabled: ${a.alias}`}
                      />
                      {a.enabled ? "on" : "off"}
                    </label>
                  ) : a.enabled ? (
                    "on"
                  ) : (
                    "off"
                  )}
                </td>
                <td>{formatWhen(a.lastTriggered)}</td>
                <td>{formatRunCounts(a.runCounts)}</td>
                <td>
                  <button type="button" disabled={!a.enabled || runNow.isPending} onClick={() => runNow.mutate({ id: a.id, skipConditions: false })} aria-label={`Run ${a.alias} now`}>
                    Run now
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
