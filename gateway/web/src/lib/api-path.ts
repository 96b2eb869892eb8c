import type { CheckId, EntityId, PluginId, Uuid } from "./ids";

/** What may stand in a path: validated ids, or plain words the caller wrote. */
export type PathSegment = Uuid | EntityId | PluginId | CheckId | "";

/**
 * Builds an API path with every interpolated segment percent-encoded (audit finding 7). Only branded,
 * validated ids are accepted by the type, so a raw string from a URL cannot slip in.
 */
export function apiPath(strings: TemplateStringsArray, ...segments: PathSegment[]): string {
  let path = strings[0] ?? "";
  segments.forEach((segment, i) => {
    if (segment === "." || segment === ".." || segment.length === 0) {
      throw new Error("An empty or dot path segment cannot be used.");
    }
    path += encodeURIComponent(segment) + (strings[i + 1] ?? "");
  });
  return path;
}

/** A query string from defined values, every value encoded. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text.length > 0 ? `?${text}` : "";
}
