import { useState, type SyntheticEvent } from "react";
import { useNavigate } from "react-router";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { ErrorNotice } from "@/components/error-notice";
import { useDeleteConversation, useUpdateConversation } from "../api/conversations";
import { titleSchema, type Conversation } from "../api/schemas";
import { exportUrl } from "../api/transfer";
import { conversationTitle } from "./conversation-list";

/** The open conversation's title and what can be done with it: rename, pin, archive, delete. */
export function ConversationHeader({ conversation }: { conversation: Conversation }) {
  const update = useUpdateConversation();
  const remove = useDeleteConversation();
  const navigate = useNavigate();
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState("");
  const [titleError, setTitleError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const rename = (e: SyntheticEvent) => {
    e.preventDefault();
    const parsed = titleSchema.safeParse(title);
    if (!parsed.success) {
      setTitleError(parsed.error.issues[0]?.message ?? "Not a valid title.");
      return;
    }
    update.mutate({ id: conversation.id, change: { title: parsed.data } }, { onSuccess: () => setRenaming(false) });
  };

  return (
    <header className="conversation-header">
      {renaming ? (
        <form onSubmit={rename} className="row">
          <label htmlFor="rename-title" className="visually-hidden">
            Title
          </label>
          <input
            id="rename-title"
            value={title}
            maxLength={200}
            autoFocus
            aria-invalid={titleError !== null}
            aria-describedby={titleError === null ? undefined : "rename-error"}
            onChange={(e) => {
              setTitle(e.target.value);
              setTitleError(null);
            }}
          />
          <button type="submit">Save</button>
          <button type="button" onClick={() => setRenaming(false)}>
            Cancel
          </button>
          {titleError !== null && (
            <span id="rename-error" className="notice-error">
              {titleError}
            </span>
          )}
        </form>
      ) : (
        <h2>{conversationTitle(conversation)}</h2>
      )}
      <div className="row">
        <button
          type="button"
          onClick={() => {
            setTitle(conversation.title ?? "");
            setRenaming(true);
          }}
        >
          Rename
        </button>
        <button type="button" aria-pressed={conversation.pinned} onClick={() => update.mutate({ id: conversation.id, change: { pinned: !conversation.pinned } })}>
          {conversation.pinned ? "Unpin" : "Pin"}
        </button>
        <button type="button" onClick={() => update.mutate({ id: conversation.id, change: { archived: !conversation.archived } })}>
          {conversation.archived ? "Unarchive" : "Archive"}
        </button>
        <a className="button" href={exportUrl(conversation.id, "markdown")} download={`${fileName(conversation)}.md`}>
          Export Markdown
        </a>
        <a className="button" href={exportUrl(conversation.id, "json")} download={`${fileName(conversation)}.json`}>
          Export JSON
        </a>
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Delete
        </button>
      </div>
      <ErrorNotice error={update.error ?? remove.error} />
      <ConfirmDialog
        open={confirming}
        title="Delete this conversation?"
        message={`"${conversationTitle(conversation)}" and all its messages will be deleted. This cannot be undone.`}
        confirmLabel="Delete conversation"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          remove.mutate(conversation.id, { onSuccess: () => void navigate("/chat") });
        }}
      />
    </header>
  );
}

function fileName(conversation: Conversation): string {
  const title = (conversation.title ?? "conversation").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");
  return title === "" ? "conversation" : title.slice(0, 60);
}
