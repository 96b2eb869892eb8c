import { useCallback, useEffect, useRef, useState } from "react";
import { newClientId, type Uuid } from "@/lib/ids";
import { ApiError, errorMessage } from "@/lib/problem";
import { createThrottle, MESSAGE_INTERVAL_MS, type Throttle } from "@/lib/throttle";
import { sendMessage, useAddExchange, useRefreshMessages } from "../api/messages";
import { contentSchema } from "../api/schemas";

export type ComposerNotice =
  | { kind: "throttled"; text: string }
  | { kind: "rate-limited"; text: string; retryAfter: number | null }
  | { kind: "error"; text: string }
  | { kind: "stopped"; text: string };

export interface Composer {
  /** Sends to the conversation the hook was last rendered with; true when the draft may be cleared. */
  send: (content: string) => Promise<boolean>;
  /** Aborts the send in flight (the Stop button). */
  stop: () => void;
  sending: boolean;
  notice: ComposerNotice | null;
}

/**
 * The composer's logic: one message per 500 ms (audit finding 11), one client id per draft so a double
 * submit or a retry is stored once (finding 10), every send abortable and aborted when the page is left
 * (finding 9), and the conversation a dependency of `send` (finding 8): after switching conversations a
 * message goes to the new one.
 */
export function useComposer(conversationId: Uuid, throttleFactory: () => Throttle = defaultThrottle): Composer {
  const [throttle] = useState(throttleFactory);
  const inFlight = useRef<AbortController | null>(null);
  const draft = useRef<{ content: string; clientId: string } | null>(null);
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState<ComposerNotice | null>(null);
  const addExchange = useAddExchange();
  const refresh = useRefreshMessages();

  // Leaving the page (or the conversation: the composer is keyed by it) aborts what is in flight.
  useEffect(() => () => inFlight.current?.abort(), []);

  const send = useCallback(
    async (content: string): Promise<boolean> => {
      const valid = contentSchema.safeParse(content);
      if (!valid.success) {
        setNotice({ kind: "error", text: valid.error.issues[0]?.message ?? "The message is not valid." });
        return false;
      }
      if (!throttle.tryAcquire()) {
        setNotice({ kind: "throttled", text: "One message every half second: wait a moment." });
        return false;
      }
      if (inFlight.current !== null) {
        return false; // a double submit while the first is on its way
      }
      if (draft.current?.content !== content) {
        draft.current = { content, clientId: newClientId() };
      }
      const controller = new AbortController();
      inFlight.current = controller;
      setSending(true);
      setNotice(null);
      try {
        const exchange = await sendMessage({ conversationId, content, clientId: draft.current.clientId }, controller.signal);
        addExchange(exchange);
        draft.current = null;
        return true;
      } catch (error) {
        if (controller.signal.aborted) {
          setNotice({ kind: "stopped", text: "Stopped." });
          // The server may have stored it before the abort: show what it holds.
          refresh(conversationId);
        } else if (error instanceof ApiError && error.isRateLimited) {
          setNotice({
            kind: "rate-limited",
            retryAfter: error.retryAfter,
            text: `Too many messages.${error.retryAfter === null ? "" : ` Try again in ${error.retryAfter} s.`}`,
          });
        } else {
          setNotice({ kind: "error", text: errorMessage(error) });
        }
        return false;
      } finally {
        inFlight.current = null;
        setSending(false);
      }
    },
    [conversationId, throttle, addExchange, refresh],
  );

  const stop = useCallback(() => inFlight.current?.abort(), []);

  return { send, stop, sending, notice };
}

function defaultThrottle(): Throttle {
  return createThrottle(MESSAGE_INTERVAL_MS);
}
