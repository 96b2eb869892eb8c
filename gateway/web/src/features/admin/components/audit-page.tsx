import { ErrorNotice } from "@/components/error-notice";
import { useAuditLog } from "../api/audit";

export function AuditPage() {
  const audit = useAuditLog();
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div>
      <h1>Audit log</h1>
      <ErrorNotice error={audit.error} />
      <table>
        <caption className="visually-hidden">Audit log, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">From</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td>
                <time dateTime={e.occurredAt}>{new Date(e.occurredAt).toLocaleString()}</time>
              </td>
              <td>{e.actorName ?? "—"}</td>
              <td>{e.action}</td>
              <td>{e.targetType === null ? "—" : `${e.targetType} ${e.targetId ?? ""}`}</td>
              <td>{e.remoteAddress ?? "—"}</td>
              <td>
                <code>{e.details === null || e.details === undefined ? "" : JSON.stringify(e.details)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {audit.hasNextPage && (
        <button type="button" onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
          Older entries
        </button>
      )}
    </div>
  );
}
