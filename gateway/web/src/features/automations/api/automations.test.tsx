import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { asUuid } from "@/lib/ids";
import { header, json, mockFetch } from "@/testing/fetch-mock";
import { useRuns, useSaveAutomation } from "./automations";
import { lineOfPath, pathErrors } from "./field-errors";
import { ApiError } from "@/lib/problem";
import { automationSchema, runTraceSchema } from "./schemas";

const id = asUuid("11111111-1111-4111-8111-111111111111");
const view = {
  id,
  alias: "Hall light",
  enabled: true,
  version: "2",
  definition: { alias: "Hall light", triggers: [] },
  createdAt: "2026-12-07T10:00:00Z",
  updatedAt: "2026-12-07T10:00:00Z",
  lastTriggered: null,
  runCounts: { succeeded: "3", failed: 1 },
  versions: [{ version: 2, createdAt: "2026-12-07T10:00:00Z", createdBy: null, format: "yaml", source: "alias: Hall light\n" }],
};

function wrapper() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

describe("automation schemas", () => {
  it("read an automation with numbers as strings and refuse an id that is not a UUID", () => {
    const parsed = automationSchema.parse(view);
    expect(parsed.version).toBe(2);
    expect(parsed.runCounts).toEqual({ succeeded: 3, failed: 1 });
    expect(automationSchema.safeParse({ ...view, id: "../users" }).success).toBe(false);
  });

  it("read a trace with its steps", () => {
    const trace = runTraceSchema.parse({
      run: { id, automationId: id, version: 1, status: "failed", trigger: { platform: "manual" }, catchUp: false, startedAt: "2026-12-07T10:00:00Z", finishedAt: "2026-12-07T10:00:01Z", error: "boom" },
      variables: {},
      steps: [{ seq: "0", path: "action/0", iteration: "", kind: "call", startedAt: "2026-12-07T10:00:00Z", finishedAt: null, result: { sent: true }, error: null }],
    });
    expect(trace.steps[0]?.seq).toBe(0);
  });
});

describe("validation errors by path", () => {
  const refused = new ApiError(400, "One or more validation errors occurred.", null, { "actions[0].target.entity_id": ["not an entity id"], $: ["whole"] }, null);

  it("lists the whole document first, then each path", () => {
    expect(pathErrors(refused).map((e) => e.path)).toEqual(["$", "actions[0].target.entity_id"]);
    expect(pathErrors(new ApiError(409, "Conflict", null, { a: ["b"] }, null))).toEqual([]);
    expect(pathErrors(new Error("x"))).toEqual([]);
  });

  it("finds the line a path points at in YAML and JSON, and says nothing when it cannot", () => {
    const yaml = "alias: x\nactions:\n  - action: light.turn_on\n    target:\n      entity_id: Not An Id\n";
    expect(lineOfPath(yaml, "actions[0].target.entity_id")).toBe(5);
    const text = JSON.stringify({ alias: "x", actions: [{ action: "light.turn_on", target: { entity_id: "bad" } }] }, null, 2);
    expect(lineOfPath(text, "actions[0].target.entity_id")).toBe(text.split("\n").findIndex((l) => l.includes("entity_id")) + 1);
    expect(lineOfPath(yaml, "$")).toBeNull();
    expect(lineOfPath(yaml, "conditions[0].after")).toBeNull();
  });
});

describe("useSaveAutomation", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("sends the text as written with its format's content type: POST for a new one, PUT for a version", async () => {
    const calls = mockFetch(() => json(view, 201));
    const hook = renderHook(() => useSaveAutomation(), { wrapper: wrapper() });
    await act(() => hook.result.current.mutateAsync({ id: null, source: "alias: Hall light\n", format: "yaml" }));
    expect(calls[0]?.url).toBe("/api/automations");
    expect(calls[0]?.init.method).toBe("POST");
    expect(header(calls[0], "Content-Type")).toBe("application/yaml");
    expect(calls[0]?.init.body).toBe("alias: Hall light\n");

    await act(() => hook.result.current.mutateAsync({ id, source: '{"alias":"Hall light"}', format: "json" }));
    expect(calls[1]?.url).toBe(`/api/automations/${id}`);
    expect(calls[1]?.init.method).toBe("PUT");
    expect(header(calls[1], "Content-Type")).toBe("application/json");
  });

  it("gives the service's errors by path", async () => {
    mockFetch(() => json({ title: "One or more validation errors occurred.", status: 400, errors: { "triggers[0].to": ["must be text"] } }, 400));
    const hook = renderHook(() => useSaveAutomation(), { wrapper: wrapper() });
    await act(async () => {
      await hook.result.current.mutateAsync({ id, source: "x", format: "yaml" }).catch(() => undefined);
    });
    await waitFor(() => expect(pathErrors(hook.result.current.error)).toEqual([{ path: "triggers[0].to", messages: ["must be text"] }]));
  });

  it("can be aborted", async () => {
    const calls = mockFetch(({ init }) => new Promise<Response>((_, reject) => init.signal?.addEventListener("abort", () => reject(new DOMException("Aborted", "AbortError")))));
    const hook = renderHook(() => useSaveAutomation(), { wrapper: wrapper() });
    const controller = new AbortController();
    let outcome: unknown = null;
    act(() => {
      hook.result.current.mutateAsync({ id, source: "x", format: "yaml", signal: controller.signal }).catch((e: unknown) => (outcome = e));
    });
    await waitFor(() => expect(calls).toHaveLength(1));
    controller.abort();
    await waitFor(() => expect((outcome as DOMException | null)?.name).toBe("AbortError"));
  });
});

describe("useRuns", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("reads the runs of the automation through an encoded path", async () => {
    const calls = mockFetch(() => json({ items: [], limit: 20, nextBefore: null }));
    const hook = renderHook(() => useRuns(id), { wrapper: wrapper() });
    await waitFor(() => expect(hook.result.current.isSuccess).toBe(true));
    expect(calls[0]?.url).toBe(`/api/automations/${id}/traces?limit=20`);
  });
});
