import { useState, type SyntheticEvent, type KeyboardEvent } from "react";
import type { Uuid } from "@/lib/ids";
import { useComposer } from "../hooks/use-composer";

/** Enter sends, Shift+Enter starts a new line; Stop aborts the reply in flight. */
export function Composer({ conversationId }: { conversationId: Uuid }) {
  const [text, setText] = useState("");
  const { send, stop, sending, notice } = useComposer(conversationId);

  const submit = async () => {
    if (await send(text)) {
      setText("");
    }
  };
  const onSubmit = (e: SyntheticEvent) => {
    e.preventDefault();
    void submit();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <form className="composer" onSubmit={onSubmit} aria-label="Composer">
      <label htmlFor="composer-message" className="visually-hidden">
        Message
      </label>
      <textarea
        id="composer-message"
        value={text}
        rows={3}
        maxLength={16000}
        placeholder="Message Jarvis (Enter sends, Shift+Enter for a new line)"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="composer-actions">
        <p role="status" aria-live="polite" className={notice?.kind === "rate-limited" || notice?.kind === "error" ? "notice notice-error" : "muted"}>
          {notice?.text ?? (sending ? "Jarvis is answering…" : "")}
        </p>
        {sending && (
          <button type="button" onClick={stop}>
            Stop
          </button>
        )}
        <button type="submit" disabled={sending}>
          Send
        </button>
      </div>
    </form>
  );
}
