import type { Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { callApi, expect, test } from "./fixtures";

async function newConversation(page: Page): Promise<string> {
  const before = page.url();
  await page.getByRole("button", { name: "New conversation" }).click();
  // Wait for the new conversation's address, not the one already open (which matches the pattern too).
  await expect(page).toHaveURL((url) => /\/chat\/[0-9a-f-]{36}$/.test(url.pathname) && url.href !== before);
  return page.url();
}

async function send(page: Page, text: string) {
  await page.getByLabel("Message").fill(text);
  await page.getByLabel("Message").press("Enter");
}

test("chat end to end: Enter sends, Shift+Enter is a new line, the reply survives a reload", async ({ signedIn: page }) => {
  await newConversation(page);
  const composer = page.getByLabel("Message");
  await composer.fill("first line");
  await composer.press("Shift+Enter");
  await composer.pressSequentially("second line");
  await expect(composer).toHaveValue("first line\nsecond line");
  await composer.fill("help");
  await composer.press("Enter");
  await expect(composer).toHaveValue("");
  const reply = page.getByRole("article", { name: "Jarvis said" });
  await expect(reply).toHaveCount(1);
  await page.reload();
  await expect(page.getByRole("article", { name: "You said" })).toContainText("help");
  await expect(page.getByRole("article", { name: "Jarvis said" })).toHaveCount(1);
});

test("a message sent after switching conversations goes to the new one", async ({ signedIn: page }) => {
  const first = await newConversation(page);
  await send(page, "for the first");
  await expect(page.getByRole("article", { name: "You said" })).toContainText("for the first");
  const second = await newConversation(page);
  await expect(page.getByRole("article", { name: "You said" })).toHaveCount(0);
  await send(page, "for the second");
  await expect(page.getByRole("article", { name: "You said" })).toContainText("for the second");
  await page.goto(first);
  await expect(page.getByRole("article", { name: "You said" })).toHaveText(/for the first/);
  // (The sidebar lists both conversations, named from their first messages: look at the messages only.)
  await expect(page.getByRole("article").filter({ hasText: "for the second" })).toHaveCount(0);
  await page.goto(second);
  await expect(page.getByRole("article", { name: "You said" })).toHaveText(/for the second/);
  await expect(page.getByRole("article").filter({ hasText: "for the first" })).toHaveCount(0);
});

test("HTML and script in messages and titles are shown as text", async ({ signedIn: page }) => {
  await newConversation(page);
  const attack = `<img src=x onerror="window.__xss = 1"> <script>window.__xss = 2</script> [link](javascript:window.__xss=3)`;
  await send(page, attack);
  const mine = page.getByRole("article", { name: "You said" });
  await expect(mine).toContainText('<img src=x onerror="window.__xss = 1">');
  await expect(mine).toContainText("<script>window.__xss = 2</script>");
  await expect(mine.locator("img, script")).toHaveCount(0);
  await expect(mine.locator('a[href^="javascript"]')).toHaveCount(0);

  await page.getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("Title").fill("<b onmouseover=alert(1)>bold</b>");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: "<b onmouseover=alert(1)>bold</b>" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test("search finds a message and highlights the match", async ({ signedIn: page }) => {
  await newConversation(page);
  const word = `zebra${Date.now().toString(36)}`;
  await send(page, `the ${word} crossed the road`);
  await expect(page.getByRole("article", { name: "You said" })).toBeVisible();
  await page.getByLabel("Search conversations").fill(word);
  const results = page.getByRole("list", { name: "Search results" });
  // The conversation is named from its first message, so the title and the message both match.
  await expect(results.locator("mark").first()).toHaveText(word);
  await results.getByRole("link").last().click();
  await expect(page.getByRole("article", { name: "You said" })).toContainText(word);
});

test("rename, pin, archive and delete with confirmation", async ({ signedIn: page }) => {
  await newConversation(page);
  await page.getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("Title").fill("Kitchen plans");
  await page.getByRole("button", { name: "Save" }).click();
  const list = page.getByRole("list", { name: "Conversations" });
  await expect(list.getByRole("link", { name: "Kitchen plans" })).toBeVisible();

  await page.getByRole("button", { name: "Pin" }).click();
  await expect(list.getByRole("link", { name: /Kitchen plans/ }).getByLabel("Pinned")).toBeVisible();

  await page.getByRole("button", { name: "Archive" }).click();
  await expect(list.getByRole("link", { name: /Kitchen plans/ })).toHaveCount(0);
  await page.getByLabel("Show archived").check();
  await expect(page.getByRole("list", { name: "Archived conversations" }).getByRole("link", { name: /Kitchen plans/ })).toBeVisible();

  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this conversation?" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { name: "Kitchen plans" })).toBeVisible();
  await page.getByRole("button", { name: "Delete" }).click();
  await dialog.getByRole("button", { name: "Delete conversation" }).click();
  await expect(page).toHaveURL(/\/chat$/);
  await expect(page.getByRole("link", { name: /Kitchen plans/ })).toHaveCount(0);
});

test("the composer sends at most one message per 500 ms and shows the gateway's 429 with its Retry-After", async ({ signedIn: page, guard }) => {
  guard.expectStatus(429);
  await newConversation(page);
  const composer = page.getByLabel("Message");
  const status = page.locator(".composer").getByRole("status");
  // Two sends in one go: the second is held back by the throttle, visibly.
  await composer.fill("one");
  await page.evaluate(() => {
    const box = document.querySelector("textarea");
    const enter = () => box?.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    enter();
    enter();
  });
  await expect(status).toHaveText("One message every half second: wait a moment.");
  await expect(page.getByRole("article", { name: "You said" })).toHaveCount(1);

  // The gateway allows JARVIS_MESSAGE_BURST sends for this person; the next one is refused with Retry-After.
  const burst = Number(process.env.JARVIS_MESSAGE_BURST ?? "6");
  const mine = page.getByRole("article", { name: "You said" });
  for (let i = 2; i <= burst; i++) {
    await composer.fill(`message ${i}`);
    // Within 500 ms of the last send the draft stays, with the notice: press Enter again until it goes.
    await expect(async () => {
      if ((await composer.inputValue()) !== "") {
        await composer.press("Enter");
      }
      await expect(mine).toHaveCount(i, { timeout: 1_000 });
    }).toPass();
  }
  await composer.fill("one too many");
  await expect(async () => {
    await composer.press("Enter");
    await expect(status).toHaveText(/^Too many messages\. Try again in \d+ s\.$/, { timeout: 1_000 });
  }).toPass();
  await expect(composer).toHaveValue("one too many");
});

test("Stop aborts a reply in flight", async ({ signedIn: page }) => {
  await newConversation(page);
  // Hold the send at the network so there is time to press Stop.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/chat\/conversations\/[^/]+\/messages$/, async (route) => {
    if (route.request().method() === "POST") {
      await held;
    }
    await route.continue();
  });
  await send(page, "a long question");
  const stop = page.getByRole("button", { name: "Stop" });
  await expect(stop).toBeVisible();
  await expect(page.getByRole("button", { name: "Send" })).toBeDisabled();
  await stop.click();
  await expect(page.locator(".composer").getByRole("status")).toHaveText("Stopped.");
  await expect(stop).toHaveCount(0);
  release();
});

test("export as Markdown and JSON, and import the JSON once", async ({ signedIn: page }, testInfo) => {
  await newConversation(page);
  await page.getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("Title").fill("Garden notes");
  await page.getByRole("button", { name: "Save" }).click();
  await send(page, "water the *tomatoes*");
  await expect(page.getByRole("article", { name: "Jarvis said" })).toHaveCount(1);

  const [markdown] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export Markdown" }).click()]);
  const markdownPath = testInfo.outputPath("garden.md");
  await markdown.saveAs(markdownPath);
  const { readFileSync } = await import("node:fs");
  expect(readFileSync(markdownPath, "utf8")).toMatch(/^# Garden notes\n\n\*\*You\*\* · .*\n\nwater the \*tomatoes\*\n/);

  const [json] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export JSON" }).click()]);
  const jsonPath = testInfo.outputPath("garden.json");
  await json.saveAs(jsonPath);
  const original = page.url();

  await page.getByLabel("Import a conversation (JSON export)").setInputFiles(jsonPath);
  await expect(page).not.toHaveURL(original);
  await expect(page.getByRole("heading", { name: "Garden notes" })).toBeVisible();
  await expect(page.getByRole("article", { name: "You said" })).toContainText("water the tomatoes");
  const imported = page.url();

  // The same file again: the conversation made the first time, not a second copy.
  await page.goto(original);
  await page.getByLabel("Import a conversation (JSON export)").setInputFiles(jsonPath);
  await expect(page).toHaveURL(imported);
  await expect(page.getByRole("list", { name: "Conversations" }).getByRole("link", { name: "Garden notes" })).toHaveCount(2);
});

test("a conversation of 10,000 messages opens on its newest page and loads older ones only when scrolled to", async ({ signedIn: page }) => {
  // Made through the import route: 10,000 short messages fit its 1 MiB.
  const start = Date.parse("2026-01-01T00:00:00Z");
  const messages = Array.from({ length: 10_000 }, (_, i) => ({
    role: i % 2 === 0 ? "user" : "assistant",
    content: `line ${i}`,
    clientId: null,
    createdAt: new Date(start + i * 1000).toISOString(),
  }));
  const imported = await callApi<{ id: string }>(page, "POST", "/api/chat/conversations/import", {
    format: "jarvis.conversation", version: 1, id: randomUUID(), title: "Long history", pinned: false, archived: false, createdAt: new Date(start).toISOString(), messages,
  });
  expect(imported.status).toBe(201);

  await page.goto(`/chat/${imported.body.id}`);
  const history = page.getByRole("log", { name: "Conversation history" });
  await expect(history.getByRole("article").last()).toContainText("line 9999");
  await expect(history.getByRole("article")).toHaveCount(50);
  await history.evaluate((element) => element.scrollTo(0, 0));
  await expect(history.getByRole("article")).toHaveCount(100);
  await expect(history.getByRole("article").first()).toContainText("line 9900");
});
