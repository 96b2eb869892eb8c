import { createThrottle } from "./throttle";

describe("createThrottle", () => {
  it("lets one action through per interval", () => {
    let now = 1000;
    const throttle = createThrottle(500, () => now);
    expect(throttle.tryAcquire()).toBe(true);
    expect(throttle.tryAcquire()).toBe(false);
    now += 499;
    expect(throttle.tryAcquire()).toBe(false);
    expect(throttle.remaining()).toBe(1);
    now += 1;
    expect(throttle.remaining()).toBe(0);
    expect(throttle.tryAcquire()).toBe(true);
  });

  it("does not restart the interval when an action is refused", () => {
    let now = 0;
    const throttle = createThrottle(500, () => now);
    throttle.tryAcquire();
    now = 400;
    expect(throttle.tryAcquire()).toBe(false);
    now = 500;
    expect(throttle.tryAcquire()).toBe(true);
  });
});
