import { RequireSession } from "@/features/auth/components/require-session";
import { AuditPage } from "@/features/admin/components/audit-page";

export default function AdminAuditRoute() {
  return <RequireSession role="admin">{() => <AuditPage />}</RequireSession>;
}
