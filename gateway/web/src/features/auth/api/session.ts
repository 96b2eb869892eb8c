import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { api } from "@/lib/api-client";
import { uuidSchema } from "@/lib/ids";
import { ApiError } from "@/lib/problem";

export const signedInUserSchema = z.object({
  id: uuidSchema,
  username: z.string(),
  role: z.enum(["admin", "user"]),
});

/** The gateway's SessionView: who is signed in, the CSRF token (kept in memory only) and when it ends. */
export const sessionSchema = z.object({
  user: signedInUserSchema,
  csrfToken: z.string().min(1),
  expiresAt: z.iso.datetime({ offset: true }),
});

export type Session = z.infer<typeof sessionSchema>;
export type SignedInUser = z.infer<typeof signedInUserSchema>;

export const sessionQueryKey = ["session"] as const;

/** The current session, or null when nobody is signed in. */
export async function getSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    const session = await api.get("/api/auth/me", sessionSchema, signal);
    api.setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      api.setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => getSession(signal),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
