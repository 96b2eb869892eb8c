import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { asUuid } from "@/lib/ids";
import { json, mockFetch } from "@/testing/fetch-mock";
import { useAddExchange, useMessages } from "./messages";

const conversationId = asUuid("11111111-1111-4111-8111-111111111111");
const message = (id: string, role: string) => ({ id: asUuid(id), conversationId, role, content: role, clientId: null, replyTo: null, createdAt: "2026-12-07T10:00:00Z" });
const sent = message("33333333-3333-4333-8333-333333333333", "user");
const reply = message("44444444-4444-4444-8444-444444444444", "assistant");

describe("messages", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows a send that finished while the first page was still loading", async () => {
    let release: (r: Response) => void = () => undefined;
    let gets = 0;
    mockFetch(({ init }) => {
      gets++;
      // The first read was answered by the server before the send was stored: it is empty.
      return gets === 1
        ? new Promise<Response>((resolve, reject) => {
            release = resolve;
            init.signal?.addEventListener("abort", () => reject(new DOMException("Aborted", "AbortError")));
          })
        : json({ items: [reply, sent], limit: 50, nextBefore: null });
    });
    const client = new QueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const hook = renderHook(() => ({ messages: useMessages(conversationId), add: useAddExchange() }), { wrapper });
    await waitFor(() => expect(gets).toBe(1));

    act(() => hook.result.current.add({ message: sent, reply }));
    act(() => release(json({ items: [], limit: 50, nextBefore: null })));

    await waitFor(() => expect(hook.result.current.messages.data?.pages[0]?.items.map((m) => m.role)).toEqual(["assistant", "user"]));
  });
});
