import { useDeferredValue, useState } from "react";
import { Link } from "react-router";
import { ErrorNotice } from "@/components/error-notice";
import { snippetParts, useSearch } from "../api/search";

/** Search across conversations; each hit's snippet shows its matches highlighted. */
export function SearchPanel() {
  const [text, setText] = useState("");
  const deferred = useDeferredValue(text);
  const search = useSearch(deferred);
  const active = deferred.trim().length > 0;
  return (
    <search className="search-panel">
      <label htmlFor="chat-search">Search conversations</label>
      <input id="chat-search" type="search" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
      <ErrorNotice error={search.error} />
      {active && search.data !== undefined && (
        <ul aria-label="Search results" className="search-results">
          {search.data.items.length === 0 && <li className="muted">No matches.</li>}
          {search.data.items.map((hit) => (
            <li key={`${hit.conversationId}-${hit.messageId ?? "title"}`}>
              <Link to={`/chat/${hit.conversationId}`}>
                <strong>{hit.conversationTitle ?? "Untitled"}</strong>
                <span className="snippet">
                  {snippetParts(hit.snippet).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </search>
  );
}
