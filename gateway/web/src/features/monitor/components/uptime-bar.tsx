import type { HistoryPoint } from "../api/schemas";

const hour = 3_600_000;
const slots = 24;

export interface HourSlot {
  start: number;
  /** Up attempts over attempts outside maintenance, or null for an hour with none. */
  ratio: number | null;
  total: number;
}

/** The last 24 whole hours up to `now`, each with its uptime from the hourly rollups (oldest first). */
export function hourSlots(points: HistoryPoint[], now: number): HourSlot[] {
  const current = Math.floor(now / hour) * hour;
  const byHour = new Map(points.map((p) => [Math.floor(Date.parse(p.at) / hour) * hour, p]));
  return Array.from({ length: slots }, (_, i) => {
    const start = current - (slots - 1 - i) * hour;
    const point = byHour.get(start);
    const counted = point === undefined ? 0 : point.total - point.maintenance;
    return { start, total: counted, ratio: point === undefined || counted <= 0 ? null : point.up / counted };
  });
}

function slotClass(ratio: number | null): string {
  if (ratio === null) {
    return "bar-none";
  }
  return ratio >= 0.999 ? "bar-up" : ratio >= 0.9 ? "bar-degraded" : "bar-down";
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio >= 0.999 || ratio === 0 ? 0 : 1)} %`;
}

/** A bar of 24 hours, each hour coloured by its uptime; the whole is one image with a text summary. */
export function UptimeBar({ name, points, now }: { name: string; points: HistoryPoint[]; now: number }) {
  const hours = hourSlots(points, now);
  const measured = hours.filter((h) => h.ratio !== null);
  const fullyUp = measured.filter((h) => (h.ratio ?? 0) >= 0.999).length;
  const label =
    measured.length === 0
      ? `Uptime of ${name} by hour: no history yet`
      : `Uptime of ${name} by hour over the last 24 hours: ${fullyUp} of ${measured.length} measured hours fully up`;
  return (
    <svg className="uptime-bar" viewBox={`0 0 ${slots * 8} 20`} preserveAspectRatio="none" role="img" aria-label={label}>
      {hours.map((h, i) => (
        <rect key={h.start} x={i * 8 + 1} y={0} width={6} height={20} rx={1.5} className={slotClass(h.ratio)}>
          <title>
            {new Date(h.start).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}: {h.ratio === null ? "no data" : `${percent(h.ratio)} of ${h.total}`}
          </title>
        </rect>
      ))}
    </svg>
  );
}
