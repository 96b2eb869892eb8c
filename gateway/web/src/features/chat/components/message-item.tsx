import { lazy, Suspense, useState } from "react";
import type { Message } from "../api/schemas";

// The Markdown renderer is its own chunk, so the first page stays small; until it arrives the text shows as is.
const Markdown = lazy(() => import("./markdown"));

export function MessageItem({ message }: { message: Message }) {
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const who = message.role === "user" ? "You" : "Jarvis";
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(message.content);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <article className={`message message-${message.role === "user" ? "user" : "assistant"}`} aria-label={`${who} said`}>
      <header className="message-head">
        <span className="who">{who}</span>
        <time dateTime={message.createdAt}>{new Date(message.createdAt).toLocaleTimeString()}</time>
        <button type="button" className="link" onClick={copy}>
          Copy
        </button>
        <span role="status" className="muted">
          {copied === "copied" ? "Copied" : copied === "failed" ? "Copy is not available here" : ""}
        </span>
      </header>
      <Suspense fallback={<p className="plain">{message.content}</p>}>
        <Markdown text={message.content} />
      </Suspense>
    </article>
  );
}
