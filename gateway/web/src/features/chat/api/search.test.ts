import { snippetParts } from "./search";

describe("snippetParts", () => {
  it("splits chat's «» marks into highlighted parts, keeping markup as text", () => {
    expect(snippetParts("turn on the «lights» in <b>«kitchen»</b>")).toEqual([
      { text: "turn on the ", match: false },
      { text: "lights", match: true },
      { text: " in <b>", match: false },
      { text: "kitchen", match: true },
      { text: "</b>", match: false },
    ]);
  });
});
