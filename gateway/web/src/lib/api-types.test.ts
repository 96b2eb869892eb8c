// @vitest-environment node
import { readFileSync } from "node:fs";
import openapiTS, { astToString } from "openapi-typescript";

// The API types come from the services' committed OpenAPI documents; regenerate with `npm run api-types`.
const documents = [
  ["../../../../services/Jarvis.Chat/Jarvis.Chat.json", "./api-types/chat.ts"],
  ["../../../../services/Jarvis.Automation/Jarvis.Automation.json", "./api-types/automation.ts"],
  ["../../../../services/Jarvis.Monitor/Jarvis.Monitor.json", "./api-types/monitor.ts"],
] as const;

function body(text: string): string {
  return text.replace(/^\/\*\*[\s\S]*?\*\/\s*/, "").trim();
}

describe("generated API types", () => {
  it.each(documents)("%s matches %s", async (document, generated) => {
    const ast = await openapiTS(new URL(document, import.meta.url));
    const committed = readFileSync(new URL(generated, import.meta.url), "utf8");
    expect(body(committed), "run `npm run api-types` and commit").toBe(body(astToString(ast)));
  });
});
