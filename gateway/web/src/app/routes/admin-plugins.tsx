import { RequireSession } from "@/features/auth/components/require-session";
import { PluginsPage } from "@/features/admin/components/plugins-page";

export default function AdminPluginsRoute() {
  return <RequireSession role="admin">{() => <PluginsPage />}</RequireSession>;
}
