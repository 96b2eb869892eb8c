import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { query } from "@/lib/api-path";
import { auditPageSchema } from "./schemas";

export function useAuditLog() {
  return useInfiniteQuery({
    queryKey: ["admin", "audit"],
    queryFn: ({ pageParam, signal }) => api.get(`/api/chat/audit${query({ limit: 50, before: pageParam })}`, auditPageSchema, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  });
}
