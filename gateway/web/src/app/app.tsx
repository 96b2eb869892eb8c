import { QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { RouterProvider } from "react-router";
import { sessionQueryKey } from "@/features/auth/api/session";
import { api } from "@/lib/api-client";
import { createQueryClient } from "./query-client";
import { createRouter } from "./router";

export function App() {
  const [queryClient] = useState(createQueryClient);
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
