import { z } from "zod";
import { header, json, mockFetch } from "@/testing/fetch-mock";
import { api } from "./api-client";
import { ApiError } from "./problem";

const thing = z.object({ id: z.string(), count: z.number() });

describe("api client", () => {
  afterEach(() => {
    api.setCsrfToken(null);
    api.onUnauthorized(null);
    vi.unstubAllGlobals();
  });

  it("lets the browser send the session cookie and never sends a token of its own", async () => {
    const calls = mockFetch(() => json({ id: "a", count: 1 }));
    await api.get("/api/x", thing);
    expect(calls[0]?.init.credentials).toBe("same-origin");
    expect(header(calls[0], "Authorization")).toBeNull();
    expect(header(calls[0], "X-CSRF-Token")).toBeNull();
  });

  it("sends the CSRF token, kept in memory, on unsafe methods", async () => {
    const calls = mockFetch(() => json({ id: "a", count: 1 }));
    api.setCsrfToken("csrf-123");
    await api.post("/api/x", { a: 1 }, thing);
    expect(header(calls[0], "X-CSRF-Token")).toBe("csrf-123");
    expect(header(calls[0], "Content-Type")).toBe("application/json");
    expect(calls[0]?.init.body).toBe('{"a":1}');
  });

  it("returns the validated answer, typed", async () => {
    mockFetch(() => json({ id: "a", count: 2, extra: true }));
    const value = await api.get("/api/x", thing);
    expect(value).toEqual({ id: "a", count: 2 });
  });

  it("refuses an answer that does not match its schema", async () => {
    mockFetch(() => json({ id: 5 }));
    await expect(api.get("/api/x", thing)).rejects.toThrow(/did not match its schema/);
  });

  it("turns problem details into an ApiError with Retry-After", async () => {
    mockFetch(() => json({ title: "Too many requests" }, 429, { "Retry-After": "7" }));
    const error: unknown = await api.post("/api/x", {}, thing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).retryAfter).toBe(7);
  });

  it("reports a 401 outside /api/auth as an ended session", async () => {
    mockFetch(() => json({ title: "Unauthorized" }, 401));
    const ended = vi.fn();
    api.onUnauthorized(ended);
    await expect(api.get("/api/chat/conversations", thing)).rejects.toBeInstanceOf(ApiError);
    expect(ended).toHaveBeenCalledTimes(1);
    await expect(api.get("/api/auth/me", thing)).rejects.toBeInstanceOf(ApiError);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it("passes the abort signal to fetch", async () => {
    const calls = mockFetch(({ init }) => new Promise<Response>((_, reject) => init.signal?.addEventListener("abort", () => reject(new DOMException("Aborted", "AbortError")))));
    const controller = new AbortController();
    const pending = api.get("/api/x", thing, controller.signal);
    controller.abort();
    await expect(pending).rejects.toThrow(/Aborted/);
    expect(calls[0]?.init.signal).toBe(controller.signal);
  });

  it("requests only /api paths", async () => {
    mockFetch(() => json({}));
    await expect(api.get("https://evil.example/api/x", thing)).rejects.toThrow(/Only \/api paths/);
  });
});
