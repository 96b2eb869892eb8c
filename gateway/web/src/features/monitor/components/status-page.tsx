import { useEffect, useId, useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import type { CheckId } from "@/lib/ids";
import { useHistory, useIncidents, useMonitorEvents, usePauseCheck, useStatus } from "../api/monitor";
import type { CheckStatus, StatusReport, Uptime } from "../api/schemas";
import { LatencyChart } from "./latency-chart";
import { UptimeBar } from "./uptime-bar";

type CheckView = StatusReport["checks"][number];

/** The time, advanced each minute (the hour bars move on with it). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function ratio(value: number | null): string {
  return value === null ? "–" : `${(value * 100).toFixed(value >= 0.9995 ? 0 : 2)} %`;
}

function since(value: string): string {
  return new Date(value).toLocaleString();
}

function StatusBadge({ status }: { status: CheckStatus }) {
  return <span className={`badge status-badge status-${status}`}>{status}</span>;
}

const liveText = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…" } as const;

/** The monitor's status page: every check with its uptime, response times, incidents; live from the monitor's events. */
export function StatusPage({ isAdmin }: { isAdmin: boolean }) {
  const status = useStatus();
  const live = useMonitorEvents();
  const now = useNow();
  const pause = usePauseCheck();
  const checks = status.data?.checks ?? [];
  const [charted, setCharted] = useState<CheckId | null>(null);
  const chartedCheck = checks.find((c) => c.check.id === charted) ?? checks[0];
  const chartSelect = useId();
  return (
    <div className="status-page">
      <div className="row spread">
        <h1>Status</h1>
        <p className={live === "live" ? "badge badge-ok" : "badge"} aria-live="polite">
          {liveText[live]}
        </p>
      </div>
      <ErrorNotice error={status.error ?? pause.error} />
      {status.isPending && <p className="muted">Loading…</p>}
      {status.data !== undefined && (
        <p className={`overall overall-${status.data.status}`} role="status">
          {status.data.status === "up" ? "All checks are up." : status.data.status === "down" ? "Something is down." : "Some checks are pending."}{" "}
          <StatusBadge status={status.data.status} />
        </p>
      )}
      {checks.length > 0 && (
        <ul className="checks" aria-label="Checks">
          {checks.map((c) => (
            <CheckItem key={c.check.id} view={c} now={now} isAdmin={isAdmin} pausing={pause.isPending} onPause={(paused) => pause.mutate({ id: c.check.id, paused })} />
          ))}
        </ul>
      )}
      {chartedCheck !== undefined && (
        <section aria-labelledby={`${chartSelect}-title`} className="card">
          <div className="row spread">
            <h2 id={`${chartSelect}-title`}>Response time</h2>
            <label className="row">
              Check
              <select id={chartSelect} value={chartedCheck.check.id} onChange={(e) => setCharted(checks.find((c) => c.check.id === e.target.value)?.check.id ?? null)}>
                {checks.map((c) => (
                  <option key={c.check.id} value={c.check.id}>
                    {c.check.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <ResponseTimes id={chartedCheck.check.id} name={chartedCheck.check.name} />
        </section>
      )}
      <Incidents names={new Map(checks.map((c) => [c.check.id as string, c.check.name]))} />
    </div>
  );
}

function UptimeRatios({ uptime }: { uptime: Uptime }) {
  return (
    <dl className="uptime">
      <div>
        <dt>24 h</dt>
        <dd>{ratio(uptime.day)}</dd>
      </div>
      <div>
        <dt>7 d</dt>
        <dd>{ratio(uptime.week)}</dd>
      </div>
      <div>
        <dt>30 d</dt>
        <dd>{ratio(uptime.month)}</dd>
      </div>
      <div>
        <dt>365 d</dt>
        <dd>{ratio(uptime.year)}</dd>
      </div>
    </dl>
  );
}

function CheckItem({ view, now, isAdmin, pausing, onPause }: { view: CheckView; now: number; isAdmin: boolean; pausing: boolean; onPause: (paused: boolean) => void }) {
  const { check, uptime } = view;
  const history = useHistory(check.id, "hour");
  const headingId = useId();
  // Built-in checks cannot be paused through the API (they follow the AppHost's model).
  const builtIn = ["service", "postgres", "redis", "mqtt-broker", "prometheus"].includes(check.kind);
  return (
    <li className={`card check check-${check.status}`} aria-labelledby={headingId}>
      <div className="row spread">
        <h2 id={headingId}>{check.name}</h2>
        <StatusBadge status={check.status} />
      </div>
      <p className="muted">
        {check.kind}
        {check.target !== null && <> · <code>{check.target}</code></>} · {check.status} since {since(check.since)}
        {check.latencyMs !== null && ` · last ${check.latencyMs.toFixed(1)} ms`}
        {check.flapping && " · flapping"}
        {check.certificateDays !== null && ` · certificate: ${Math.floor(check.certificateDays)} days left`}
      </p>
      {check.message !== null && check.message !== "" && <p className={check.status === "down" ? "notice-error" : "muted"}>{check.message}</p>}
      <UptimeRatios uptime={uptime} />
      <UptimeBar name={check.name} points={history.data ?? []} now={now} />
      {isAdmin && !builtIn && (
        <button type="button" disabled={pausing} onClick={() => onPause(check.status !== "paused")}>
          {check.status === "paused" ? `Resume ${check.name}` : `Pause ${check.name}`}
        </button>
      )}
    </li>
  );
}

function ResponseTimes({ id, name }: { id: CheckId; name: string }) {
  const history = useHistory(id, "raw");
  return (
    <>
      <ErrorNotice error={history.error} />
      {history.data !== undefined && <LatencyChart name={name} points={history.data} />}
    </>
  );
}

function duration(seconds: number | null): string {
  if (seconds === null) {
    return "ongoing";
  }
  if (seconds < 90) {
    return `${seconds.toFixed(0)} s`;
  }
  return seconds < 5400 ? `${(seconds / 60).toFixed(0)} min` : `${(seconds / 3600).toFixed(1)} h`;
}

function Incidents({ names }: { names: Map<string, string> }) {
  const incidents = useIncidents();
  return (
    <section aria-labelledby="incidents-title">
      <h2 id="incidents-title">Incidents</h2>
      <ErrorNotice error={incidents.error} />
      {incidents.isSuccess && incidents.data.items.length === 0 && <p className="muted">No incidents.</p>}
      {incidents.isSuccess && incidents.data.items.length > 0 && (
        <table>
          <caption className="visually-hidden">Incidents, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Started</th>
              <th scope="col">Ended</th>
              <th scope="col">Duration</th>
              <th scope="col">Cause</th>
            </tr>
          </thead>
          <tbody>
            {incidents.data.items.map((i) => (
              <tr key={i.id}>
                <th scope="row">{names.get(i.checkId) ?? i.checkId}</th>
                <td>{since(i.startedAt)}</td>
                <td>{i.endedAt === null ? "ongoing" : since(i.endedAt)}</td>
                <td>{duration(i.durationSeconds)}{i.muted && " (muted: flapping)"}</td>
                <td>{i.cause ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
