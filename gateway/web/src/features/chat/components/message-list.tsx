import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { useOnVisible } from "@/hooks/use-on-visible";
import type { Uuid } from "@/lib/ids";
import { useMessages } from "../api/messages";
import { MessageItem } from "./message-item";

/**
 * Messages oldest to newest. Pages are fetched newest first and an older page is fetched when the top comes
 * into view, keeping the scroll position where the reader was; the list follows new messages at the bottom.
 */
export function MessageList({ conversationId }: { conversationId: Uuid }) {
  const messages = useMessages(conversationId);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = messages;
  const scroller = useRef<HTMLDivElement>(null);
  const previous = useRef<{ height: number; first: string | undefined; last: string | undefined } | null>(null);

  const items = useMemo(() => (messages.data?.pages.flatMap((p) => p.items) ?? []).slice().reverse(), [messages.data]);

  const top = useOnVisible<HTMLDivElement>(() => {
    if (hasNextPage && !isFetchingNextPage) {
      void fetchNextPage();
    }
  }, hasNextPage && items.length > 0);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null) {
      return;
    }
    const first = items[0]?.id;
    const last = items.at(-1)?.id;
    const before = previous.current;
    if (before === null || before.last !== last) {
      element.scrollTop = element.scrollHeight; // first render or a new message: show the newest
    } else if (before.first !== first) {
      element.scrollTop += element.scrollHeight - before.height; // an older page above: stay put
    }
    previous.current = { height: element.scrollHeight, first, last };
  }, [items]);

  useEffect(() => {
    previous.current = null;
  }, [conversationId]);

  return (
    <div ref={scroller} className="message-list" aria-label="Conversation history" role="log" tabIndex={0}>
      {hasNextPage && (
        <div ref={top} className="muted center">
          {isFetchingNextPage ? "Loading older messages…" : "Older messages"}
        </div>
      )}
      <ErrorNotice error={messages.error} />
      {messages.isSuccess && items.length === 0 && <p className="muted center">No messages yet. Say hello.</p>}
      {items.map((m) => (
        <MessageItem key={m.id} message={m} />
      ))}
    </div>
  );
}
