import { RequireSession } from "@/features/auth/components/require-session";
import { UsersPage } from "@/features/admin/components/users-page";

export default function AdminUsersRoute() {
  return <RequireSession role="admin">{() => <UsersPage />}</RequireSession>;
}
