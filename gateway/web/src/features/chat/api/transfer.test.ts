import { parseExport } from "./transfer";

const valid = {
  format: "jarvis.conversation",
  version: 1,
  id: "0f8fad5b-d9cb-469f-a165-70867728950e",
  title: "Garden",
  pinned: false,
  archived: false,
  createdAt: "2026-12-07T10:00:00Z",
  messages: [{ role: "user", content: "<img src=x onerror=alert(1)>", clientId: "c1", createdAt: "2026-12-07T10:00:01Z" }],
};

describe("parseExport", () => {
  it("accepts chat's export", () => {
    expect(parseExport(JSON.stringify(valid)).messages[0]?.content).toBe("<img src=x onerror=alert(1)>");
  });

  it("refuses what is not JSON or not an export, saying where", () => {
    expect(() => parseExport("not json")).toThrow("The file is not JSON.");
    expect(() => parseExport(JSON.stringify({ ...valid, version: 2 }))).toThrow(/version/);
    expect(() => parseExport(JSON.stringify({ ...valid, id: "../etc/passwd" }))).toThrow(/id/);
    expect(() => parseExport(JSON.stringify({ ...valid, messages: [{ ...valid.messages[0], role: "system" }] }))).toThrow(/messages\.0\.role/);
  });
});
