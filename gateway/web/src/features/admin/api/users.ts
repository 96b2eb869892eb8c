import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { apiPath, query } from "@/lib/api-path";
import type { Uuid } from "@/lib/ids";
import { userAccountSchema, userPageSchema, type Role } from "./schemas";

const usersKey = ["admin", "users"] as const;

export function useUsers() {
  return useInfiniteQuery({
    queryKey: usersKey,
    queryFn: ({ pageParam, signal }) => api.get(`/api/chat/users${query({ limit: 50, before: pageParam })}`, userPageSchema, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (user: { username: string; password: string; role: Role }) => api.post("/api/chat/users", user, userAccountSchema),
    onSuccess: () => void client.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: Uuid; change: { disabled?: boolean; role?: Role; password?: string } }) =>
      api.patch(apiPath`/api/chat/users/${id}`, change, userAccountSchema),
    onSuccess: () => void client.invalidateQueries({ queryKey: usersKey }),
  });
}
