import { useMemo, useState } from "react";
import { NavLink } from "react-router";
import { ErrorNotice } from "@/components/error-notice";
import { useOnVisible } from "@/hooks/use-on-visible";
import { useConversations } from "../api/conversations";
import type { Conversation } from "../api/schemas";

export function conversationTitle(c: Pick<Conversation, "title">): string {
  return c.title ?? "Untitled";
}

/** The person's conversations: pinned first, then newest first, a page more as the list's end comes into view. */
export function ConversationList() {
  const conversations = useConversations();
  const [showArchived, setShowArchived] = useState(false);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = conversations;
  const sentinel = useOnVisible<HTMLLIElement>(() => {
    if (hasNextPage && !isFetchingNextPage) {
      void fetchNextPage();
    }
  }, hasNextPage);

  const items = useMemo(() => {
    const all = conversations.data?.pages.flatMap((p) => p.items) ?? [];
    const shown = all.filter((c) => c.archived === showArchived);
    return [...shown.filter((c) => c.pinned), ...shown.filter((c) => !c.pinned)];
  }, [conversations.data, showArchived]);

  return (
    <div className="conversation-list">
      <label className="checkbox">
        <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
        Show archived
      </label>
      <ErrorNotice error={conversations.error} />
      <ul aria-label={showArchived ? "Archived conversations" : "Conversations"}>
        {items.map((c) => (
          <li key={c.id}>
            <NavLink to={`/chat/${c.id}`} className={({ isActive }) => (isActive ? "active" : undefined)}>
              {c.pinned && <span aria-label="Pinned" title="Pinned">📌 </span>}
              {conversationTitle(c)}
            </NavLink>
          </li>
        ))}
        {hasNextPage && (
          <li ref={sentinel} className="muted">
            {isFetchingNextPage ? "Loading…" : ""}
          </li>
        )}
      </ul>
      {conversations.isSuccess && items.length === 0 && <p className="muted">{showArchived ? "Nothing archived." : "No conversations yet."}</p>}
    </div>
  );
}
