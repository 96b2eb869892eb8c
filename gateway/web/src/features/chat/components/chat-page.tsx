import { useNavigate, useParams } from "react-router";
import { ErrorNotice } from "@/components/error-notice";
import { isUuid, type Uuid } from "@/lib/ids";
import { useConversation, useCreateConversation } from "../api/conversations";
import { Composer } from "./composer";
import { ConversationHeader } from "./conversation-header";
import { ConversationList } from "./conversation-list";
import { ImportConversation } from "./import-conversation";
import { MessageList } from "./message-list";
import { SearchPanel } from "./search-panel";

export function ChatPage() {
  const { conversationId } = useParams();
  const navigate = useNavigate();
  const create = useCreateConversation();
  const id: Uuid | null = isUuid(conversationId) ? conversationId : null;

  return (
    <div className="chat">
      <aside className="chat-sidebar" aria-label="Conversations">
        <button
          type="button"
          className="primary"
          disabled={create.isPending}
          onClick={() => create.mutate(null, { onSuccess: (c) => void navigate(`/chat/${c.id}`) })}
        >
          New conversation
        </button>
        <ErrorNotice error={create.error} />
        <SearchPanel />
        <ConversationList />
        <ImportConversation />
      </aside>
      <section className="chat-main" aria-label="Conversation">
        {conversationId !== undefined && id === null && <p role="alert">That is not a conversation address.</p>}
        {id === null ? <p className="muted center">Pick a conversation or start a new one.</p> : <OpenConversation key={id} id={id} />}
      </section>
    </div>
  );
}

/** Keyed by the id: switching conversations starts fresh, and leaving one aborts its requests. */
function OpenConversation({ id }: { id: Uuid }) {
  const conversation = useConversation(id);
  if (conversation.error) {
    return <ErrorNotice error={conversation.error} />;
  }
  if (!conversation.data) {
    return <p className="muted">Loading…</p>;
  }
  return (
    <>
      <ConversationHeader conversation={conversation.data} />
      <MessageList conversationId={id} />
      <Composer conversationId={id} />
    </>
  );
}
