import { useState, type SyntheticEvent } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { usePluginAction, usePlugins, useInvokeHook } from "../api/plugins";
import type { Plugin } from "../api/schemas";

export function PluginsPage() {
  const plugins = usePlugins();
  const action = usePluginAction();
  return (
    <div>
      <h1>Plugins</h1>
      <ErrorNotice error={plugins.error ?? action.error} />
      {plugins.isSuccess && plugins.data.length === 0 && <p className="muted">No plugins are installed.</p>}
      <ul className="cards">
        {plugins.data?.map((p) => (
          <li key={p.id} className="card" aria-labelledby={`plugin-${p.id}`}>
            <h2 id={`plugin-${p.id}`}>
              {p.name || p.id} <span className="muted">{p.version}</span>
            </h2>
            <p>{p.description}</p>
            <p>
              Status: <strong className={`status status-${p.status}`}>{p.status}</strong>
            </p>
            {p.error !== "" && (
              <p className="notice notice-error">
                Load error: <code>{p.error}</code>
              </p>
            )}
            <p className="muted">Hooks: {p.hooks.join(", ") || "none"} · calls {p.statistics?.calls ?? 0} · errors {p.statistics?.errors ?? 0}</p>
            <div className="row">
              {p.status === "disabled" ? (
                <button type="button" onClick={() => action.mutate({ id: p.id, action: "enable" })}>
                  Enable {p.id}
                </button>
              ) : (
                <button type="button" onClick={() => action.mutate({ id: p.id, action: "disable" })}>
                  Disable {p.id}
                </button>
              )}
              <button type="button" onClick={() => action.mutate({ id: p.id, action: "reload" })}>
                Reload {p.id}
              </button>
            </div>
            {p.hooks.length > 0 && p.status === "loaded" && <HookConsole plugin={p} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Calls one hook of a plugin with JSON arguments and shows what it returned. */
function HookConsole({ plugin }: { plugin: Plugin }) {
  const invoke = useInvokeHook();
  const [hook, setHook] = useState(plugin.hooks[0] ?? "");
  const [args, setArgs] = useState("{}");
  const [argsError, setArgsError] = useState<string | null>(null);
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(args);
    } catch {
      setArgsError("The arguments are not valid JSON.");
      return;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      setArgsError("The arguments must be a JSON object.");
      return;
    }
    setArgsError(null);
    invoke.mutate({ id: plugin.id, hook, args: parsed as Record<string, unknown> });
  };
  return (
    <form onSubmit={submit} className="form-grid" aria-label={`Console for ${plugin.id}`}>
      <label htmlFor={`hook-${plugin.id}`}>Hook</label>
      <select id={`hook-${plugin.id}`} value={hook} onChange={(e) => setHook(e.target.value)}>
        {plugin.hooks.map((h) => (
          <option key={h}>{h}</option>
        ))}
      </select>
      <label htmlFor={`args-${plugin.id}`}>Arguments (JSON)</label>
      <textarea id={`args-${plugin.id}`} rows={3} value={args} onChange={(e) => setArgs(e.target.value)} aria-invalid={argsError !== null} />
      <span />
      <button type="submit" disabled={invoke.isPending}>
        Invoke
      </button>
      {argsError !== null && <p className="notice notice-error">{argsError}</p>}
      <ErrorNotice error={invoke.error} />
      {invoke.data !== undefined && (
        <pre aria-label="Result" className="result">
          {JSON.stringify(invoke.data.result, null, 2)}
        </pre>
      )}
    </form>
  );
}
