import { RequireSession } from "@/features/auth/components/require-session";
import { AutomationsPage } from "@/features/automations/components/automations-page";

export default function AutomationsRoute() {
  return <RequireSession>{(user) => <AutomationsPage isAdmin={user.role === "admin"} />}</RequireSession>;
}
