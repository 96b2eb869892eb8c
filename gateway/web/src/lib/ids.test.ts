import { asEntityId, asUuid, InvalidIdError, isUuid, newClientId } from "./ids";

describe("ids", () => {
  it("accepts a UUID and refuses anything else before it reaches a URL", () => {
    expect(isUuid("0f8fad5b-d9cb-469f-a165-70867728950e")).toBe(true);
    for (const bad of ["", "../etc/passwd", "1 OR 1=1", "0f8fad5b-d9cb-469f-a165-70867728950", "0f8fad5b-d9cb-469f-a165-70867728950e/x", "%2e%2e"]) {
      expect(isUuid(bad)).toBe(false);
      expect(() => asUuid(bad)).toThrow(InvalidIdError);
    }
  });

  it("accepts entity ids as <component>.<slug> and refuses dot segments and slashes", () => {
    expect(asEntityId("light.living_room")).toBe("light.living_room");
    for (const bad of ["..", "light/../x", "light.", ".x", "light.a b"]) {
      expect(() => asEntityId(bad)).toThrow(InvalidIdError);
    }
  });

  it("makes client ids chat accepts that do not collide, even in one millisecond", () => {
    const ids = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const id = newClientId();
      expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(10_000);
  });
});
