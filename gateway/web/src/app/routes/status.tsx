import { RequireSession } from "@/features/auth/components/require-session";
import { StatusPage } from "@/features/monitor/components/status-page";

export default function StatusRoute() {
  return <RequireSession>{(user) => <StatusPage isAdmin={user.role === "admin"} />}</RequireSession>;
}
