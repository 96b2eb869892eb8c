import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { asUuid } from "@/lib/ids";
import { createThrottle } from "@/lib/throttle";
import { bodyOf, json, mockFetch, type Call } from "@/testing/fetch-mock";
import { useComposer } from "./use-composer";

const A = asUuid("11111111-1111-4111-8111-111111111111");
const B = asUuid("22222222-2222-4222-8222-222222222222");

function exchange(call: Call) {
  const conversationId = /conversations\/([^/]+)\/messages/.exec(call.url)?.[1] ?? "";
  const body = bodyOf(call);
  const message = (id: string, role: string, content: string) => ({ id, conversationId, role, content, clientId: role === "user" ? body.clientId : null, replyTo: null, createdAt: new Date().toISOString() });
  return json({ message: message("33333333-3333-4333-8333-333333333333", "user", body.content), reply: message("44444444-4444-4444-8444-444444444444", "assistant", "ok") }, 201);
}

function setup(conversationId = A, now = { t: 0 }) {
  const client = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  return renderHook(({ id }) => useComposer(id, () => createThrottle(500, () => now.t)), { wrapper, initialProps: { id: conversationId } });
}

describe("useComposer", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("sends to the new conversation after switching (audit finding 8)", async () => {
    const calls = mockFetch(exchange);
    const now = { t: 0 };
    const hook = setup(A, now);
    await act(() => hook.result.current.send("to A"));
    hook.rerender({ id: B });
    now.t = 1000;
    await act(() => hook.result.current.send("to B"));
    expect(calls.map((c) => c.url)).toEqual([`/api/chat/conversations/${A}/messages`, `/api/chat/conversations/${B}/messages`]);
  });

  it("lets one message through per 500 ms and says so (audit finding 11)", async () => {
    const calls = mockFetch(exchange);
    const now = { t: 0 };
    const hook = setup(A, now);
    await act(() => hook.result.current.send("one"));
    now.t = 100;
    let sent = true;
    await act(async () => {
      sent = await hook.result.current.send("two");
    });
    expect(sent).toBe(false);
    expect(calls).toHaveLength(1);
    expect(hook.result.current.notice?.kind).toBe("throttled");
    now.t = 600;
    await act(() => hook.result.current.send("two"));
    expect(calls).toHaveLength(2);
  });

  it("retries a failed draft with the same clientId, so chat stores it once (audit finding 10)", async () => {
    let attempt = 0;
    const calls = mockFetch((call) => (attempt++ === 0 ? json({ title: "Service Unavailable" }, 503) : exchange(call)));
    const now = { t: 0 };
    const hook = setup(A, now);
    await act(() => hook.result.current.send("hello"));
    expect(hook.result.current.notice?.kind).toBe("error");
    now.t = 1000;
    await act(() => hook.result.current.send("hello"));
    now.t = 2000;
    await act(() => hook.result.current.send("another"));
    const ids = calls.map((c) => bodyOf(c).clientId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[1]);
  });

  it("shows the gateway's 429 and its Retry-After", async () => {
    mockFetch(() => json({ title: "Too many requests" }, 429, { "Retry-After": "3" }));
    const hook = setup();
    await act(() => hook.result.current.send("hello"));
    expect(hook.result.current.notice).toEqual({ kind: "rate-limited", retryAfter: 3, text: "Too many messages. Try again in 3 s." });
  });

  it("stops a send in flight (audit finding 9)", async () => {
    const calls = mockFetch(({ init }) => new Promise<Response>((_, reject) => init.signal?.addEventListener("abort", () => reject(new DOMException("Aborted", "AbortError")))));
    const hook = setup();
    let pending: Promise<boolean> = Promise.resolve(true);
    act(() => {
      pending = hook.result.current.send("long question");
    });
    expect(hook.result.current.sending).toBe(true);
    await act(async () => {
      hook.result.current.stop();
      await pending;
    });
    expect(calls[0]?.init.signal?.aborted).toBe(true);
    expect(hook.result.current.sending).toBe(false);
    expect(hook.result.current.notice?.kind).toBe("stopped");
  });

  it("aborts what is in flight when the composer goes away", () => {
    const calls = mockFetch(() => new Promise<Response>(() => undefined));
    const hook = setup();
    act(() => void hook.result.current.send("hello"));
    hook.unmount();
    expect(calls[0]?.init.signal?.aborted).toBe(true);
  });

  it("refuses an empty message without sending", async () => {
    const calls = mockFetch(exchange);
    const hook = setup();
    await act(() => hook.result.current.send("   "));
    expect(calls).toHaveLength(0);
    expect(hook.result.current.notice?.text).toBe("Write a message first.");
  });
});
