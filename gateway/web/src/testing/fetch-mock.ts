import { vi } from "vitest";

export interface Call {
  url: string;
  init: RequestInit;
}

type Responder = (call: Call) => Response | Promise<Response>;

/** Replaces fetch with a function of the request; records every call. */
export function mockFetch(respond: Responder) {
  const calls: Call[] = [];
  const fn = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: typeof input === "string" ? input : input instanceof URL ? input.toString() : input.url, init: init ?? {} };
    calls.push(call);
    return Promise.resolve(respond(call));
  });
  vi.stubGlobal("fetch", fn);
  return calls;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

export function header(call: Call | undefined, name: string): string | null {
  return new Headers(call?.init.headers).get(name);
}

/** The JSON body a call sent. */
export function bodyOf(call: Call | undefined): { content: string; clientId: string } {
  const body = call?.init.body;
  return JSON.parse(typeof body === "string" ? body : "null") as { content: string; clientId: string };
}
