import { QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { RouterProvider } from "react-router";
import { getSession, sessionQueryKey } from "@/features/auth/api/session";
import { api } from "@/lib/api-client";
import { createQueryClient } from "./query-client";
import { createRouter } from "./router";

/**
 * The query client, with the session already asked for: /api/auth/me goes out while the router is still
 * loading the first page's chunk, instead of after it (one round trip less before a page is interactive).
 */
function startQueryClient() {
  const client = createQueryClient();
  client.query({ queryKey: sessionQueryKey, queryFn: ({ signal }) => getSession(signal), staleTime: Number.POSITIVE_INFINITY, retry: false }).catch(() => undefined);
  return client;
}

export function App() {
  const [queryClient] = useState(startQueryClient);
  const [router] = useState(createRouter);

  // A signed-in request answered 401: the session expired or was revoked. Forget everything the
  // previous session loaded and send the person to sign in, saying why.
  useEffect(() => {
    api.onUnauthorized(() => {
      api.setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(sessionQueryKey, null);
      void router.navigate("/sign-in?expired=1", { replace: true });
    });
    return () => api.onUnauthorized(null);
  }, [queryClient, router]);

  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
