import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type Page } from "@playwright/test";

export { expect };

export interface Account {
  username: string;
  password: string;
  role: "admin" | "user";
}

/** What a page logged as an error, and every CSP violation: the suite's guard (none may happen). */
interface PageGuard {
  problems: string[];
  /** HTTP statuses the test provokes on purpose (Chromium logs "Failed to load resource" for each). */
  expectStatus: (...statuses: number[]) => void;
}

function adminPassword(): string {
  const file = process.env.JARVIS_ADMIN_PASSWORD_FILE;
  if (file === undefined) {
    throw new Error("JARVIS_ADMIN_PASSWORD_FILE is not set: run the suite through tests/Jarvis.Web.Tests.");
  }
  return readFileSync(file, "utf8").trim();
}

/** Signs in through the API from inside a page (the browser sends Origin, stores the cookie). */
async function apiSignIn(page: Page, account: Pick<Account, "username" | "password">): Promise<void> {
  await page.goto("/favicon.svg");
  const status = await page.evaluate(async (body) => {
    const r = await fetch("/api/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    return r.status;
  }, account);
  expect(status).toBe(200);
}

/** Calls the API from inside a signed-in page, with the CSRF token the session holds. */
export async function callApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch("/api/auth/me")).json()) as { csrfToken: string };
      const r = await fetch(path, {
        method,
        headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, body: (text === "" ? null : JSON.parse(text)) as T };
    },
    { method, path, body },
  );
}

/** A page of the admin's, signed in, for arranging what a test needs (accounts, disabling one). */
async function adminPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await apiSignIn(page, { username: "admin", password: adminPassword() });
  return page;
}

export async function signIn(page: Page, account: Pick<Account, "username" | "password">): Promise<void> {
  await page.goto("/");
  await page.getByLabel("Username").fill(account.username);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** axe-core on the page as it stands: no serious or critical violation. With JARVIS_SCREENSHOTS set, a screenshot for docs/web.md. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  const dir = process.env.JARVIS_SCREENSHOTS;
  if (dir !== undefined) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`) });
  }
}

/** Publishes to Jarvis's broker as a device would (mosquitto_pub, from Debian's mosquitto-clients). */
export function publish(topic: string, payload: string, retain = true): void {
  const url = new URL(process.env.JARVIS_MQTT_URL ?? "mqtt://127.0.0.1:1883");
  execFileSync("mosquitto_pub", ["-h", url.hostname, "-p", url.port || "1883", "-q", "1", ...(retain ? ["-r"] : []), "-t", topic, "-m", payload]);
}

export const test = base.extend<
  { guard: PageGuard; newAccount: (role?: "admin" | "user") => Promise<Account>; user: Account; signedIn: Page },
  { admin: Page }
>({
  admin: [
    async ({ browser }, use) => {
      const page = await adminPage(browser);
      await use(page);
      await page.context().close();
    },
    { scope: "worker" },
  ],

  newAccount: async ({ admin }, use) => {
    await use(async (role = "user") => {
      const account: Account = { username: `${role}-${randomUUID().slice(0, 12)}`, password: `correct horse ${randomUUID()}`, role };
      const created = await callApi(admin, "POST", "/api/chat/users", account);
      expect(created.status).toBe(201);
      return account;
    });
  },

  user: async ({ newAccount }, use) => {
    await use(await newAccount("user"));
  },

  guard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      const allowed = new Set([401]); // /api/auth/me before signing in
      page.on("console", (message) => {
        if (message.type() !== "error") {
          return;
        }
        const status = /status of (\d{3})/.exec(message.text())?.[1];
        if (status !== undefined && allowed.has(Number(status))) {
          return;
        }
        problems.push(`console error: ${message.text()}`);
      });
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      await use({ problems, expectStatus: (...statuses) => statuses.forEach((s) => allowed.add(s)) });
      expect(problems, "no console errors and no CSP violations").toEqual([]);
    },
    { auto: true },
  ],

  signedIn: async ({ page, user }, use) => {
    await signIn(page, user);
    await use(page);
  },
});
