import { createBrowserRouter, Navigate } from "react-router";
import { SignInPage } from "@/features/auth/components/sign-in-page";
import { AppShell } from "./shell";

// Sign-in is in the first bundle; every other page is its own chunk, loaded when first visited.
export function createRouter() {
  return createBrowserRouter([
    { path: "/sign-in", element: <SignInPage /> },
    {
      element: <AppShell />,
      children: [
        { index: true, element: <Navigate to="/chat" replace /> },
        { path: "chat/:conversationId?", lazy: () => import("./routes/chat").then((m) => ({ Component: m.default })) },
        { path: "devices", lazy: () => import("./routes/devices").then((m) => ({ Component: m.default })) },
        { path: "automations", lazy: () => import("./routes/automations").then((m) => ({ Component: m.default })) },
        { path: "automations/:automationId", lazy: () => import("./routes/automation").then((m) => ({ Component: m.default })) },
        { path: "status", lazy: () => import("./routes/status").then((m) => ({ Component: m.default })) },
        { path: "admin/users", lazy: () => import("./routes/admin-users").then((m) => ({ Component: m.default })) },
        { path: "admin/audit", lazy: () => import("./routes/admin-audit").then((m) => ({ Component: m.default })) },
        { path: "admin/plugins", lazy: () => import("./routes/admin-plugins").then((m) => ({ Component: m.default })) },
        { path: "*", element: <NotFound /> },
      ],
    },
  ]);
}

function NotFound() {
  return (
    <div>
      <h1>Not found</h1>
      <p>There is no page at this address.</p>
    </div>
  );
}
