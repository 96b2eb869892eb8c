import { useId } from "react";
import type { RunTrace, TraceStep } from "../api/schemas";

const width = 160;

function ms(from: string, to: string | null): number | null {
  return to === null ? null : Math.max(0, Date.parse(to) - Date.parse(from));
}

function formatMs(value: number | null): string {
  if (value === null) {
    return "running";
  }
  return value < 1000 ? `${value} ms` : `${(value / 1000).toFixed(value < 10_000 ? 2 : 1)} s`;
}

function stepLabel(step: TraceStep): string {
  return step.iteration === "" ? step.path : `${step.path} (iteration ${step.iteration})`;
}

/**
 * One run's trace as a timeline: each step by path and kind, when it started and ended relative to the run
 * (a bar on a shared scale), and what it did (its result) or why it failed (its error).
 */
export function RunTimeline({ trace }: { trace: RunTrace }) {
  const id = useId();
  const { run, steps } = trace;
  const start = Date.parse(run.startedAt);
  const ends = steps.map((s) => Date.parse(s.finishedAt ?? s.startedAt));
  const end = Math.max(start + 1, run.finishedAt === null ? Date.now() : Date.parse(run.finishedAt), ...ends);
  const span = end - start;
  const sorted = [...steps].sort((a, b) => a.seq - b.seq);
  return (
    <section aria-labelledby={`${id}-title`} className="timeline">
      <h3 id={`${id}-title`}>
        Run of {new Date(run.startedAt).toLocaleString()}: <span className={`status status-${run.status}`}>{run.status}</span>
      </h3>
      <p className="muted">
        Version {run.version} · {formatMs(ms(run.startedAt, run.finishedAt))}
        {run.catchUp && " · caught up after a restart"}
        {" · trigger "}
        <code>{JSON.stringify(run.trigger)}</code>
      </p>
      {run.error !== null && <p className="notice notice-error">Error: {run.error}</p>}
      {sorted.length === 0 ? (
        <p className="muted">No steps were recorded.</p>
      ) : (
        <ol aria-label="Steps" className="steps">
          {sorted.map((step) => {
            const offset = Date.parse(step.startedAt) - start;
            const duration = ms(step.startedAt, step.finishedAt);
            const x = Math.min(width - 2, (offset / span) * width);
            const w = Math.max(2, Math.min(width - x, ((duration ?? end - Date.parse(step.startedAt)) / span) * width));
            return (
              <li key={step.seq} className={step.error === null ? "step" : "step step-failed"} aria-label={`Step ${stepLabel(step)}`}>
                <svg width={width} height={12} viewBox={`0 0 ${width} 12`} aria-hidden="true" className="step-bar">
                  <rect x={0} y={5} width={width} height={2} className="step-track" />
                  <rect x={x} y={1} width={w} height={10} rx={2} className="step-span" />
                </svg>
                <div>
                  <code>{stepLabel(step)}</code> <span className="badge">{step.kind}</span>{" "}
                  <span className="muted">
                    +{formatMs(offset)} · took {formatMs(duration)}
                  </span>
                  {step.error !== null && <p className="notice-error">Error: {step.error}</p>}
                  {step.result !== null && step.result !== undefined && (
                    <details>
                      <summary>Result</summary>
                      <pre className="result">{JSON.stringify(step.result, null, 2)}</pre>
                    </details>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
