import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { ErrorNotice } from "@/components/error-notice";
import { useSession, type SignedInUser } from "../api/session";

/** Renders its children for a signed-in person, and sends anyone else to sign in. */
export function RequireSession({ children, role }: { children: (user: SignedInUser) => ReactNode; role?: "admin" }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return <p className="muted center">Loading…</p>;
  }
  if (session.error) {
    return <ErrorNotice error={session.error} />;
  }
  if (session.data === null) {
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
  }
  if (role === "admin" && session.data.user.role !== "admin") {
    return (
      <p role="alert" className="notice notice-error">
        This page is for administrators.
      </p>
    );
  }
  return children(session.data.user);
}
