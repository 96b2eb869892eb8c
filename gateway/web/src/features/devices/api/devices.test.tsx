import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { asEntityId } from "@/lib/ids";
import { deviceKeys, useLiveStates } from "./devices";
import type { DeviceEntity } from "./schemas";

/** Stands in for the browser's EventSource: the test says when it opens and what arrives. */
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

const lamp: DeviceEntity = {
  entityId: asEntityId("light.desk"),
  deviceId: null,
  component: "light",
  name: "Desk",
  discoveredName: null,
  areaId: null,
  aliases: [],
  disabled: false,
  support: "supported",
  problem: null,
  acceptsCommands: true,
  uniqueId: null,
  state: { value: "off", attributes: {}, available: true, lastChanged: null, lastUpdated: null, error: null },
};

describe("useLiveStates", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("writes each state event into the cached entities, ignores what does not parse, and closes when unmounted", () => {
    vi.stubGlobal("EventSource", FakeEventSource);
    const client = new QueryClient();
    client.setQueryData(deviceKeys.entities, [lamp]);
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const hook = renderHook(() => useLiveStates(), { wrapper });
    const source = FakeEventSource.last;
    expect(source?.url).toBe("/api/devices/events");
    expect(hook.result.current).toBe("connecting");

    act(() => source?.onopen?.());
    expect(hook.result.current).toBe("live");

    act(() => {
      source?.emit("state", "not json");
      source?.emit("state", JSON.stringify({ id: 1, entityId: "../etc", kind: "state", state: "on", attributes: {}, available: true, recordedAt: "x" }));
      source?.emit("state", JSON.stringify({ id: "2", entityId: "light.desk", kind: "state", state: "on", attributes: { brightness: 200 }, available: true, recordedAt: "t" }));
    });
    const [updated] = client.getQueryData<DeviceEntity[]>(deviceKeys.entities) ?? [];
    expect(updated?.state).toMatchObject({ value: "on", attributes: { brightness: 200 }, lastUpdated: "t" });

    act(() => source?.emit("availability", JSON.stringify({ id: 3, entityId: "light.desk", kind: "availability", state: "on", attributes: { brightness: 200 }, available: false, recordedAt: "u" })));
    expect(client.getQueryData<DeviceEntity[]>(deviceKeys.entities)?.[0]?.state.available).toBe(false);

    hook.unmount();
    expect(source?.closed).toBe(true);
  });
});
