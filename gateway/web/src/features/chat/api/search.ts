import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { query } from "@/lib/api-path";
import { searchResultsSchema } from "./schemas";

/** Full-text search over the caller's conversations and messages (chat's `english` configuration). */
export function useSearch(text: string) {
  const q = text.trim().slice(0, 200);
  return useQuery({
    queryKey: ["search", q],
    queryFn: ({ signal }) => api.get(`/api/chat/search${query({ q, limit: 20 })}`, searchResultsSchema, signal),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** A snippet split into plain text and matches: chat marks matches between « and », never with HTML. */
export function snippetParts(snippet: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  const pattern = /«([^»]*)»/g;
  let last = 0;
  for (const m of snippet.matchAll(pattern)) {
    if (m.index > last) {
      parts.push({ text: snippet.slice(last, m.index), match: false });
    }
    parts.push({ text: m[1] ?? "", match: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) {
    parts.push({ text: snippet.slice(last), match: false });
  }
  return parts;
}
