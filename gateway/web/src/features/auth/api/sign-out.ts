import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { sessionQueryKey } from "./session";

export async function signOut(): Promise<void> {
  try {
    await api.send("POST", "/api/auth/logout", {});
  } finally {
    api.setCsrfToken(null);
  }
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSettled: () => {
      client.clear();
      client.setQueryData(sessionQueryKey, null);
    },
  });
}
