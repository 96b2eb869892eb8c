import { callApi, expect, signIn, test } from "./fixtures";

test("a wrong password is refused with a message, the right one signs in", async ({ page, user, guard }) => {
  guard.expectStatus(401);
  await page.goto("/chat");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("Invalid username or password");

  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "New conversation" })).toBeVisible();
  await expect(page).toHaveURL(/\/chat$/);
});

test("the session is the gateway's HttpOnly cookie: no token in storage or in document.cookie", async ({ signedIn: page }) => {
  await page.getByRole("button", { name: "New conversation" }).click();
  await page.getByLabel("Message").fill("hello");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("article", { name: "Jarvis said" })).toBeVisible();

  const storage = await page.evaluate(() => ({
    local: Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]),
    session: Object.keys(sessionStorage).map((k) => [k, sessionStorage.getItem(k)]),
    cookie: document.cookie,
  }));
  expect(storage.local).toEqual([]);
  expect(storage.session).toEqual([]);
  expect(storage.cookie).not.toContain("jarvis");
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "__Host-jarvis");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Strict");
});

test("signing out ends the session and returns to sign in", async ({ signedIn: page, guard }) => {
  guard.expectStatus(401);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await page.goto("/devices");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a session that ends sends the person back to sign in with a message", async ({ page, user, admin, guard }) => {
  guard.expectStatus(401);
  await signIn(page, user);
  // An admin disables the account: the gateway refuses the session from its next request.
  const users = await callApi<{ items: { id: string; username: string }[] }>(admin, "GET", "/api/chat/users?limit=1000");
  const id = users.body.items.find((u) => u.username === user.username)?.id;
  expect(id).toBeDefined();
  expect((await callApi(admin, "PATCH", `/api/chat/users/${id ?? ""}`, { disabled: true })).status).toBe(200);

  await page.getByRole("button", { name: "New conversation" }).click();
  await expect(page).toHaveURL(/\/sign-in\?expired=1/);
  await expect(page.getByText("Your session has ended. Sign in again.")).toBeVisible();
});
