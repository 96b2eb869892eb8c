import { randomUUID } from "node:crypto";
import { callApi, expect, publish, test } from "./fixtures";

test("devices by area: a command from a toggle, and the state arriving live", async ({ signedIn: page, admin }) => {
  const slug = `webtest_${randomUUID().replace(/-/g, "").slice(0, 10)}`;
  const area = `Study ${slug.slice(-4)}`;
  const created = await callApi<{ id: string }>(admin, "POST", "/api/devices/areas", { name: area });
  expect(created.status).toBe(201);

  const base = `webtest/${slug}`;
  publish(
    `homeassistant/light/${slug}/config`,
    JSON.stringify({
      name: "Desk lamp",
      object_id: slug,
      unique_id: slug,
      schema: "json",
      brightness: true,
      state_topic: base,
      command_topic: `${base}/set`,
      device: { identifiers: [slug], name: `Lamp ${slug}` },
    }),
  );
  publish(base, JSON.stringify({ state: "OFF", brightness: 100 }));
  const entityId = `light.${slug}`;
  // Wait until automation has the entity, then put it in the area (an admin's edit).
  await expect.poll(async () => (await callApi(admin, "GET", `/api/devices/entities/${entityId}`)).status, { timeout: 20_000 }).toBe(200);
  expect((await callApi(admin, "PATCH", `/api/devices/entities/${entityId}`, { area: created.body.id })).status).toBe(200);

  await page.getByRole("link", { name: "Devices" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  const section = page.getByRole("region", { name: area });
  const card = section.getByRole("listitem").filter({ hasText: "Desk lamp" });
  await expect(card.getByTestId("entity-state")).toHaveText("off");

  await card.getByRole("switch").click(); // the switch shows the device's state, which changes when the device answers
  await expect(card.getByRole("status")).toHaveText(/^(sent|queued: .*)$/);

  // The device answers on its state topic; the page follows through the server-sent events.
  publish(base, JSON.stringify({ state: "ON", brightness: 200 }));
  await expect(card.getByTestId("entity-state")).toHaveText("on");
  await expect(card.getByRole("switch")).toBeChecked();
  await expect(card.getByRole("slider", { name: /^Brightness of .*Desk lamp$/ })).toHaveValue("200");
});
