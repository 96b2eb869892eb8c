/** Finished runs counted by result, as the service keeps them: "3 succeeded, 1 failed". */
export function formatRunCounts(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([result, n]) => `${n} ${result}`);
  return parts.length === 0 ? "no runs" : parts.join(", ");
}

export function formatWhen(value: string | null): string {
  return value === null ? "never" : new Date(value).toLocaleString();
}
