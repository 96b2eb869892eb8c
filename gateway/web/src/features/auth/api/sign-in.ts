import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { sessionQueryKey, sessionSchema, type Session } from "./session";

export interface Credentials {
  username: string;
  password: string;
}

export async function signIn(credentials: Credentials, signal?: AbortSignal): Promise<Session> {
  const session = await api.post("/api/auth/login", credentials, sessionSchema, signal);
  api.setCsrfToken(session.csrfToken);
  return session;
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => signIn(credentials),
    onSuccess: (session) => {
      client.clear();
      client.setQueryData(sessionQueryKey, session);
    },
  });
}
