import type { HistoryPoint } from "../api/schemas";

const width = 600;
const height = 160;
const pad = { left: 44, right: 8, top: 8, bottom: 20 };

/** A round upper bound for the axis: 1, 2 or 5 times a power of ten. */
export function niceMax(value: number): number {
  if (value <= 0) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
}

/** The response time of a check's last attempts as a line (inline SVG); failed attempts as marks on the axis. */
export function LatencyChart({ name, points }: { name: string; points: HistoryPoint[] }) {
  const timed = points.filter((p) => p.latencyMs !== null);
  if (timed.length < 2) {
    return <p className="muted">Not enough attempts of {name} yet to chart.</p>;
  }
  const times = timed.map((p) => Date.parse(p.at));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times, t0 + 1);
  const latencies = timed.map((p) => p.latencyMs ?? 0);
  const top = niceMax(Math.max(...latencies));
  const sorted = [...latencies].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const x = (t: number) => pad.left + ((t - t0) / (t1 - t0)) * (width - pad.left - pad.right);
  const y = (ms: number) => pad.top + (1 - ms / top) * (height - pad.top - pad.bottom);
  const line = timed.map((p, i) => `${x(times[i] ?? t0).toFixed(1)},${y(p.latencyMs ?? 0).toFixed(1)}`).join(" ");
  const failed = points.filter((p) => p.up === 0 && p.maintenance === 0);
  const label = `Response time of ${name}, last ${timed.length} attempts: median ${median.toFixed(1)} ms, highest ${sorted[sorted.length - 1]?.toFixed(1) ?? "?"} ms, ${failed.length} failed`;
  return (
    <svg className="latency-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <line x1={pad.left} x2={width - pad.right} y1={y(0)} y2={y(0)} className="axis" />
      <line x1={pad.left} x2={width - pad.right} y1={y(top)} y2={y(top)} className="grid" />
      <line x1={pad.left} x2={width - pad.right} y1={y(top / 2)} y2={y(top / 2)} className="grid" />
      <text x={pad.left - 4} y={y(top) + 4} className="tick" textAnchor="end">
        {top} ms
      </text>
      <text x={pad.left - 4} y={y(top / 2) + 4} className="tick" textAnchor="end">
        {top / 2}
      </text>
      <text x={pad.left - 4} y={y(0) + 4} className="tick" textAnchor="end">
        0
      </text>
      <text x={pad.left} y={height - 4} className="tick">
        {new Date(t0).toLocaleTimeString()}
      </text>
      <text x={width - pad.right} y={height - 4} className="tick" textAnchor="end">
        {new Date(t1).toLocaleTimeString()}
      </text>
      <polyline points={line} className="latency-line" fill="none" />
      {failed.map((p) => (
        <circle key={p.at} cx={x(Date.parse(p.at))} cy={y(0)} r={3} className="latency-failed">
          <title>{`${new Date(p.at).toLocaleTimeString()}: ${p.message ?? "failed"}`}</title>
        </circle>
      ))}
    </svg>
  );
}
