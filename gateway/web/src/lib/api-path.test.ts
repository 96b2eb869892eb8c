import { apiPath, query } from "./api-path";
import { asEntityId, asUuid, type Uuid } from "./ids";

describe("apiPath", () => {
  it("encodes every segment", () => {
    const id = asUuid("0f8fad5b-d9cb-469f-a165-70867728950e");
    expect(apiPath`/api/chat/conversations/${id}/messages`).toBe("/api/chat/conversations/0f8fad5b-d9cb-469f-a165-70867728950e/messages");
    expect(apiPath`/api/devices/entities/${asEntityId("light.kitchen")}/commands`).toBe("/api/devices/entities/light.kitchen/commands");
  });

  it("encodes a segment that somehow holds a slash instead of letting it add a path level", () => {
    const forged = "a/b?c#d" as Uuid; // only a cast gets past the type
    expect(apiPath`/api/chat/conversations/${forged}`).toBe("/api/chat/conversations/a%2Fb%3Fc%23d");
  });

  it("refuses dot segments", () => {
    expect(() => apiPath`/api/chat/conversations/${".." as Uuid}`).toThrow();
  });

  it("builds a query of the defined values, encoded", () => {
    expect(query({ q: "lights & fans", limit: 20, before: null })).toBe("?q=lights+%26+fans&limit=20");
    expect(query({ before: undefined })).toBe("");
  });
});
