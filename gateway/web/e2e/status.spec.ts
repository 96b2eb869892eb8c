import { callApi, expect, expectAccessible, signIn, test } from "./fixtures";

// The monitor's built-in checks in the test model: the stores, the broker, and each service it watches.
const builtIn = ["PostgreSQL", "Redis", "MQTT broker", "automation service", "chat service", "gateway service", "plugins service"];

test("the status page lists the built-in checks up, live, and an admin pauses and resumes a check", async ({ page, newAccount, admin }) => {
  test.setTimeout(120_000);
  const person = await newAccount("admin");
  await signIn(page, person);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Status" }).click();
  await expect(page.getByRole("heading", { name: "Status", level: 1 })).toBeVisible();
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  const checks = page.getByRole("list", { name: "Checks" });
  for (const name of builtIn) {
    const check = checks.getByRole("listitem", { name, exact: true });
    await expect(check.locator(".status-badge")).toHaveText("up", { timeout: 60_000 });
    await expect(check.getByRole("img", { name: new RegExp(`^Uptime of ${name} by hour`) })).toBeVisible();
    // Built-in checks follow the model: they cannot be paused.
    await expect(check.getByRole("button")).toHaveCount(0);
  }
  await expect(page.getByText("All checks are up.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("img", { name: /^Response time of / })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Incidents" })).toBeVisible();
  await expectAccessible(page, "status");

  // A check of one's own: paused and resumed from the page; the change arrives through the event stream.
  const id = `e2e-${Date.now().toString(36)}`;
  const port = new URL(page.url()).port || "80";
  const created = await callApi(admin, "POST", "/api/monitor/checks", { id, name: `Port ${id}`, kind: "tcp", host: "127.0.0.1", port: Number(port), intervalSeconds: 2 });
  expect(created.status).toBe(201);
  try {
    await page.reload();
    const mine = checks.getByRole("listitem", { name: `Port ${id}`, exact: true });
    await expect(mine.locator(".status-badge")).toHaveText("up", { timeout: 30_000 });
    await mine.getByRole("button", { name: `Pause Port ${id}` }).click();
    await expect(mine.locator(".status-badge")).toHaveText("paused");
    await mine.getByRole("button", { name: `Resume Port ${id}` }).click();
    await expect(mine.locator(".status-badge")).not.toHaveText("paused");
  } finally {
    expect((await callApi(admin, "DELETE", `/api/monitor/checks/${id}`)).status).toBe(204);
  }
});
