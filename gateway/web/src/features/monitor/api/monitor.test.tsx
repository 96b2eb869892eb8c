import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { checkIdSchema } from "@/lib/ids";
import { hourSlots } from "../components/uptime-bar";
import { niceMax } from "../components/latency-chart";
import { applyChange, applySnapshot, overallStatus } from "./live";
import { monitorKeys, useMonitorEvents } from "./monitor";
import { historyPointSchema, statusReportSchema, type StatusReport } from "./schemas";

class FakeEventSource {
  static last: FakeEventSource | null = null;
  static readonly CLOSED = 2;
  readyState = 0;
  closed = false;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private readonly listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, listener: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: string, data: string) {
    this.listeners.get(type)?.forEach((l) => l(new MessageEvent(type, { data })));
  }
  close() {
    this.closed = true;
  }
}

const snapshot = (id: string, status: string) => ({
  id,
  name: `${id} service`,
  kind: "service",
  target: "http://127.0.0.1:5101",
  status,
  since: "2026-12-07T10:00:00Z",
  lastCheckedAt: "2026-12-07T10:00:01Z",
  latencyMs: "1.5",
  message: null,
  flapping: false,
  certificateDays: null,
  certificateValid: null,
});

const report: StatusReport = statusReportSchema.parse({
  status: "up",
  at: "2026-12-07T10:00:01Z",
  leader: true,
  checks: [
    { check: snapshot("chat", "up"), uptime: { day: 1, week: "0.999", month: null, year: null } },
    { check: snapshot("postgres", "up"), uptime: { day: 1, week: 1, month: 1, year: 1 } },
  ],
});

describe("monitor schemas", () => {
  it("read doubles given as strings and refuse a check id that could leave its path", () => {
    expect(report.checks[0]?.check.latencyMs).toBe(1.5);
    expect(report.checks[0]?.uptime.week).toBe(0.999);
    expect(checkIdSchema.safeParse("../admin").success).toBe(false);
    expect(checkIdSchema.safeParse("-x").success).toBe(false);
    expect(checkIdSchema.safeParse("automation-2").success).toBe(true);
    expect(statusReportSchema.safeParse({ ...report, status: "sideways" }).success).toBe(false);
  });
});

describe("live status", () => {
  it("is down if any check is down, else pending if any is, else up", () => {
    expect(overallStatus(["up", "paused", "maintenance"])).toBe("up");
    expect(overallStatus(["up", "pending"])).toBe("pending");
    expect(overallStatus(["pending", "down"])).toBe("down");
  });

  it("applies a change and a snapshot, recomputing the overall status", () => {
    const down = applyChange(report, { checkId: checkIdSchema.parse("chat"), name: "chat", from: "up", to: "down", at: "2026-12-07T10:01:00Z", message: "refused", flapping: false });
    expect(down.status).toBe("down");
    expect(down.checks[0]?.check).toMatchObject({ status: "down", since: "2026-12-07T10:01:00Z", message: "refused" });
    expect(down.checks[0]?.uptime.day).toBe(1);
    const added = applySnapshot(down, statusReportSchema.shape.checks.element.shape.check.parse(snapshot("redis", "pending")));
    expect(added.checks.map((c) => c.check.id)).toEqual(["chat", "postgres", "redis"]);
  });

  it("useMonitorEvents writes status and change events into the cached report, ignores garbage, closes when left", () => {
    vi.stubGlobal("EventSource", FakeEventSource);
    const client = new QueryClient();
    client.setQueryData(monitorKeys.status, report);
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const hook = renderHook(() => useMonitorEvents(), { wrapper });
    const source = FakeEventSource.last;
    expect(source?.url).toBe("/api/monitor/events");
    act(() => source?.onopen?.());
    expect(hook.result.current).toBe("live");

    act(() => source?.emit("change", JSON.stringify({ checkId: "postgres", name: "postgres", from: "up", to: "down", at: "2026-12-07T10:02:00Z", message: "no answer", flapping: false })));
    expect(client.getQueryData<StatusReport>(monitorKeys.status)?.status).toBe("down");
    act(() => source?.emit("status", JSON.stringify(snapshot("postgres", "up"))));
    expect(client.getQueryData<StatusReport>(monitorKeys.status)?.status).toBe("up");
    act(() => source?.emit("change", "{not json"));
    act(() => source?.emit("change", JSON.stringify({ checkId: "../x", to: "down" })));
    expect(client.getQueryData<StatusReport>(monitorKeys.status)?.status).toBe("up");

    hook.unmount();
    expect(source?.closed).toBe(true);
    vi.unstubAllGlobals();
  });
});

describe("uptime bar and chart", () => {
  it("puts each hourly rollup in its hour of the last 24, maintenance left out", () => {
    const now = Date.parse("2026-12-07T10:30:00Z");
    const slots = hourSlots(
      [
        historyPointSchema.parse({ at: "2026-12-07T10:00:00Z", total: 100, up: 90, maintenance: 10, latencyMs: 1, maxLatencyMs: 2, message: null }),
        historyPointSchema.parse({ at: "2026-12-07T08:00:00Z", total: 10, up: 5, maintenance: 0, latencyMs: null, maxLatencyMs: null, message: "down" }),
      ],
      now,
    );
    expect(slots).toHaveLength(24);
    expect(slots[23]).toMatchObject({ start: Date.parse("2026-12-07T10:00:00Z"), ratio: 1, total: 90 });
    expect(slots[21]?.ratio).toBe(0.5);
    expect(slots[22]?.ratio).toBeNull();
  });

  it("rounds the axis up to 1, 2 or 5 times a power of ten", () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(3.2)).toBe(5);
    expect(niceMax(12)).toBe(20);
    expect(niceMax(700)).toBe(1000);
  });
});
