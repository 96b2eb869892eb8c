import { expect, signIn, test } from "./fixtures";

test("an admin manages users, reads the audit log and sees the plugins", async ({ page, newAccount }) => {
  const admin = await newAccount("admin");
  await signIn(page, admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();

  // Validated in the form before anything is sent.
  const name = `made-${Date.now().toString(36)}`;
  await page.getByLabel("New username").fill(name);
  await page.getByLabel("New user's password").fill("short");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("At least 12 characters.")).toBeVisible();
  await page.getByLabel("New user's password").fill("a long enough password");
  await page.getByRole("button", { name: "Create user" }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: `Disable ${name}` }).click();
  await expect(row.getByRole("button", { name: `Enable ${name}` })).toBeVisible();
  await row.getByLabel(`Role of ${name}`).selectOption("admin");
  await expect(row.getByLabel(`Role of ${name}`)).toHaveValue("admin");

  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("cell", { name: "login.succeeded" }).first()).toBeVisible();

  await page.getByRole("link", { name: "Plugins" }).click();
  await expect(page.getByRole("heading", { name: "Plugins", level: 1 })).toBeVisible();
  await expect(page.locator(".cards > li").first()).toBeVisible();
});

test("a person who is not an admin sees no admin pages and is refused at their address", async ({ signedIn: page }) => {
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Chat" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  for (const path of ["/admin/users", "/admin/audit", "/admin/plugins"]) {
    await page.goto(path);
    await expect(page.getByRole("alert")).toHaveText("This page is for administrators.");
  }
});
