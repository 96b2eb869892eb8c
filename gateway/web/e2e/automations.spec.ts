import { expect, expectAccessible, signIn, test } from "./fixtures";

test("an automation edited with an error shows it at its path, then saves once fixed, and a run shows its trace", async ({ page, newAccount, guard }) => {
  test.setTimeout(120_000);
  const admin = await newAccount("admin");
  await signIn(page, admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Automations" }).click();
  await expect(page.getByRole("heading", { name: "Automations", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New automation" }).click();

  const slug = `e2e_${Date.now().toString(36)}`;
  const alias = `Echo ${slug}`;
  const lines = [
    `alias: ${alias}`,
    "triggers:",
    "  - trigger: mqtt",
    `    topic: e2e/${slug}/in`,
    "actions:",
    "  - action: mqtt.publish",
    "    data:",
    `      topic: e2e/${slug}/out`,
    "      payload: hello",
    "    colour: blue",
  ];
  const editor = page.getByRole("textbox", { name: "Definition (YAML)" });
  await editor.fill(lines.join("\n"));
  // The service refuses the unknown key by its path; the page names the path and the line it is on.
  guard.expectStatus(400);
  await page.getByRole("button", { name: "Create automation" }).click();
  const errors = page.getByRole("list", { name: "Validation errors" });
  await expect(errors.getByRole("listitem")).toHaveCount(1);
  await expect(errors.getByRole("listitem").first()).toContainText("actions[0].colour");
  await expect(errors.getByRole("listitem").first()).toContainText("(line 10)");
  await expect(editor).toHaveAttribute("aria-invalid", "true");

  await editor.fill(lines.slice(0, -1).join("\n") + "\n");
  await page.getByRole("button", { name: "Create automation" }).click();
  await expect(page.getByRole("heading", { name: alias, level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/automations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("list", { name: "Validation errors" })).toHaveCount(0);

  // Run now: the run appears, selected, with its trace as a timeline of steps.
  await page.getByRole("button", { name: "Run now" }).click();
  const runs = page.getByRole("list", { name: "Runs" });
  await expect(runs.getByRole("listitem")).toHaveCount(1);
  await expect(runs.getByText("succeeded")).toBeVisible();
  const steps = page.getByRole("list", { name: "Steps" });
  await expect(steps.getByRole("listitem", { name: "Step action/0" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3 })).toContainText("succeeded");
  await expectAccessible(page, "automation");

  // A new version from JSON; the list shows it enabled with its run counted.
  await page.getByRole("radio", { name: "JSON" }).check();
  const json = page.getByRole("textbox", { name: "Definition (JSON)" });
  await expect(json).toHaveValue(/"alias": "Echo/);
  await json.fill(JSON.stringify({ alias, mode: "queued", triggers: [{ trigger: "mqtt", topic: `e2e/${slug}/in` }], actions: [{ action: "mqtt.publish", data: { topic: `e2e/${slug}/out`, payload: "hi" } }] }, null, 2));
  await page.getByRole("button", { name: "Save automation" }).click();
  await expect(page.getByText("Saved as version 2.")).toBeVisible();
  await expect(page.getByText("Version history (2)")).toBeVisible();

  await page.getByRole("link", { name: "Automations", exact: true }).first().click();
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: alias }) });
  await expect(row.getByRole("cell", { name: "1 succeeded" })).toBeVisible();
  // The switch shows what the service stored, so it flips when the answer arrives.
  const enabled = row.getByRole("switch", { name: `Enabled: ${alias}` });
  await enabled.click();
  await expect(enabled).not.toBeChecked();
  await expect(row.getByRole("button", { name: `Run ${alias} now` })).toBeDisabled();
  await enabled.click();
  await expect(enabled).toBeChecked();
  await expect(row.getByRole("button", { name: `Run ${alias} now` })).toBeEnabled();
  await expectAccessible(page, "automations");
});

test("a person who is not an admin sees automations and runs them, but cannot edit", async ({ signedIn: page }) => {
  await page.goto("/automations/new");
  await expect(page.getByRole("alert")).toHaveText("This page is for administrators.");
  await page.goto("/automations/not-a-uuid");
  await expect(page.getByRole("alert")).toHaveText("This is not an automation's address.");
  await page.goto("/automations");
  await expect(page.getByRole("heading", { name: "Automations", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "New automation" })).toHaveCount(0);
});
