import { useParams } from "react-router";
import { RequireSession } from "@/features/auth/components/require-session";
import { AutomationPage, NewAutomationPage } from "@/features/automations/components/automation-page";
import { isUuid } from "@/lib/ids";

/** /automations/new (admins) and /automations/:automationId; an id that is not a UUID never reaches a request. */
export default function AutomationRoute() {
  const { automationId } = useParams();
  if (automationId === "new") {
    return <RequireSession role="admin">{() => <NewAutomationPage />}</RequireSession>;
  }
  if (!isUuid(automationId)) {
    return (
      <p role="alert" className="notice notice-error">
        This is not an automation&apos;s address.
      </p>
    );
  }
  return <RequireSession>{(user) => <AutomationPage key={automationId} id={automationId} isAdmin={user.role === "admin"} />}</RequireSession>;
}
