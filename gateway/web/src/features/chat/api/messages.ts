import { useInfiniteQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useCallback } from "react";
import { api } from "@/lib/api-client";
import { apiPath, query } from "@/lib/api-path";
import type { Uuid } from "@/lib/ids";
import type { Page } from "@/lib/pages";
import { messageExchangeSchema, messagePageSchema, type Message, type MessageExchange } from "./schemas";
import { conversationKeys } from "./conversations";

export const messageKeys = {
  list: (conversationId: Uuid) => ["messages", conversationId] as const,
};

export const MESSAGE_PAGE = 50;

export function getMessages(conversationId: Uuid, before: string | null, signal?: AbortSignal): Promise<Page<Message>> {
  return api.get(apiPath`/api/chat/conversations/${conversationId}/messages` + query({ limit: MESSAGE_PAGE, before }), messagePageSchema, signal);
}

/** Messages newest first, a page of older ones each time the top scrolls into view: 10,000 are never loaded at once. */
export function useMessages(conversationId: Uuid) {
  return useInfiniteQuery({
    queryKey: messageKeys.list(conversationId),
    queryFn: ({ pageParam, signal }) => getMessages(conversationId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  });
}

export interface SendMessage {
  conversationId: Uuid;
  content: string;
  /** The same for every retry of one draft, so chat stores it once (audit finding 10). */
  clientId: string;
}

export function sendMessage(message: SendMessage, signal?: AbortSignal): Promise<MessageExchange> {
  return api.post(
    apiPath`/api/chat/conversations/${message.conversationId}/messages`,
    { content: message.content, clientId: message.clientId },
    messageExchangeSchema,
    signal,
  );
}

/** Puts an exchange at the head of the conversation's first page, once (a repeated clientId answers the same pair). */
export function useAddExchange() {
  const client = useQueryClient();
  return useCallback((exchange: MessageExchange) => {
    const conversationId = exchange.message.conversationId;
    const key = messageKeys.list(conversationId);
    // A read still on its way may have been answered before this send was stored: drop it and read again
    // (invalidating alone would join the read in flight when nothing is loaded yet).
    const state = client.getQueryState(key);
    if (state?.data === undefined || state.fetchStatus === "fetching") {
      void client.cancelQueries({ queryKey: key }).then(() => client.invalidateQueries({ queryKey: key }));
    }
    // A conversation without a title is named from its first message.
    void client.invalidateQueries({ queryKey: conversationKeys.one(conversationId) });
    client.setQueryData<InfiniteData<Page<Message>>>(key, (data) => {
      if (data === undefined) {
        return data;
      }
      const known = new Set(data.pages.flatMap((p) => p.items.map((m) => m.id)));
      const fresh = [exchange.reply, exchange.message].filter((m) => !known.has(m.id));
      const [first, ...rest] = data.pages;
      return first === undefined ? data : { ...data, pages: [{ ...first, items: [...fresh, ...first.items] }, ...rest] };
    });
    void client.invalidateQueries({ queryKey: conversationKeys.list() });
  }, [client]);
}

/** Reads a conversation's messages again (after a stopped send, which the server may have stored). */
export function useRefreshMessages() {
  const client = useQueryClient();
  return useCallback((conversationId: Uuid) => void client.invalidateQueries({ queryKey: messageKeys.list(conversationId) }), [client]);
}
