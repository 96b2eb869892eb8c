import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { apiPath, query } from "@/lib/api-path";
import type { Uuid } from "@/lib/ids";
import type { Page } from "@/lib/pages";
import { conversationPageSchema, conversationSchema, type Conversation } from "./schemas";

export const conversationKeys = {
  all: ["conversations"] as const,
  list: () => [...conversationKeys.all, "list"] as const,
  one: (id: Uuid) => [...conversationKeys.all, "one", id] as const,
};

export const CONVERSATION_PAGE = 30;

export function getConversations(before: string | null, signal?: AbortSignal): Promise<Page<Conversation>> {
  return api.get(`/api/chat/conversations${query({ limit: CONVERSATION_PAGE, before })}`, conversationPageSchema, signal);
}

/** Conversations, newest first, a page more each time the list's end scrolls into view. */
export function useConversations() {
  return useInfiniteQuery({
    queryKey: conversationKeys.list(),
    queryFn: ({ pageParam, signal }) => getConversations(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  });
}

export function useConversation(id: Uuid | null) {
  return useQuery({
    queryKey: id === null ? [...conversationKeys.all, "none"] : conversationKeys.one(id),
    queryFn: ({ signal }) => (id === null ? null : api.get(apiPath`/api/chat/conversations/${id}`, conversationSchema, signal)),
    enabled: id !== null,
  });
}

export function useCreateConversation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (title: string | null) => api.post("/api/chat/conversations", title === null ? {} : { title }, conversationSchema),
    onSuccess: (conversation) => {
      client.setQueryData(conversationKeys.one(conversation.id), conversation);
      void client.invalidateQueries({ queryKey: conversationKeys.list() });
    },
  });
}

export interface ConversationChange {
  title?: string;
  pinned?: boolean;
  archived?: boolean;
}

function replaceInList(data: InfiniteData<Page<Conversation>> | undefined, updated: Conversation) {
  if (data === undefined) {
    return data;
  }
  return { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((c) => (c.id === updated.id ? updated : c)) })) };
}

export function useUpdateConversation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: Uuid; change: ConversationChange }) =>
      api.patch(apiPath`/api/chat/conversations/${id}`, change, conversationSchema),
    onSuccess: (conversation) => {
      client.setQueryData(conversationKeys.one(conversation.id), conversation);
      client.setQueryData<InfiniteData<Page<Conversation>>>(conversationKeys.list(), (data) => replaceInList(data, conversation));
    },
  });
}

export function useDeleteConversation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: Uuid) => api.delete(apiPath`/api/chat/conversations/${id}`),
    onSuccess: (_, id) => {
      client.removeQueries({ queryKey: conversationKeys.one(id) });
      client.setQueryData<InfiniteData<Page<Conversation>>>(conversationKeys.list(), (data) =>
        data === undefined ? data : { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((c) => c.id !== id) })) },
      );
    },
  });
}
