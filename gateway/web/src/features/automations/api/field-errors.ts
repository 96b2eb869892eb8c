import { ApiError } from "@/lib/problem";

export interface PathError {
  /** Where in the document: `$` for the whole, `actions[2].then[0].foo` for one key or value. */
  path: string;
  messages: string[];
}

/**
 * The automation service's 400 names each refused key or value by its path (problem details with `errors`
 * keyed by path). Sorted as they stand in a document: the whole first, then by path.
 */
export function pathErrors(error: unknown): PathError[] {
  if (!(error instanceof ApiError) || error.status !== 400) {
    return [];
  }
  return Object.entries(error.fieldErrors)
    .map(([path, messages]) => ({ path: path === "" ? "$" : path, messages }))
    .sort((a, b) => (a.path === "$" ? -1 : b.path === "$" ? 1 : a.path.localeCompare(b.path, "en", { numeric: true })));
}

/**
 * The 1-based line a path's last key is written on, found by walking the keys of the path through the text
 * (`actions[1].target.entity_id` → the line of `entity_id` after `target` after `actions`). A hint for the
 * reader, not a parser: null when a key is not found in order.
 */
export function lineOfPath(source: string, path: string): number | null {
  const keys = path
    .replace(/^\$\.?/, "")
    .split(/\.|\[\d+\]/)
    .filter((k) => k.length > 0);
  if (keys.length === 0) {
    return null;
  }
  const lines = source.split("\n");
  let line = 0;
  for (const key of keys) {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const pattern = new RegExp(`(^|[\\s{,\\-])"?${escaped}"?\\s*:`);
    let found = -1;
    for (let i = line; i < lines.length; i++) {
      if (pattern.test(lines[i] ?? "")) {
        found = i;
        break;
      }
    }
    if (found < 0) {
      return null;
    }
    line = found;
  }
  return line + 1;
}
