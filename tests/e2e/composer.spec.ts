import { expect, test } from "@playwright/test";
import { newPerson, signUpWithWorkspace, widgetCustomerWrites } from "./support/app";

test.setTimeout(120_000);

/*
 * The composer's draft: a note left unsent in one conversation must come back as a note. It
 * used to come back as a reply (the draft kept its text, not its mode), one Enter away from
 * the customer.
 */
test("an unsent note comes back as a note after visiting another conversation", async ({
  page,
}) => {
  const slug = await signUpWithWorkspace(page, newPerson("Dana"), "Draft Co");
  await page.goto(`/${slug}/settings/channels`);
  const href = await page.getByRole("link", { name: "Open the widget" }).getAttribute("href");
  const publicId = href ? (new URL(href).pathname.split("/").at(-1) ?? "") : "";
  await widgetCustomerWrites(page, { slug, publicId, name: "Quinn Other", body: "Hello" });
  const path = await widgetCustomerWrites(page, {
    slug,
    publicId,
    name: "Pat Draft",
    body: "Where is my refund?",
  });

  const list = page.getByRole("list", { name: "Conversations" });
  await list.getByRole("link", { name: /^Pat Draft/ }).click();
  await expect(page).toHaveURL(new RegExp(`${path}(\\?|$)`));
  await page.getByRole("button", { name: "Note", exact: true }).click();
  await page.getByLabel("Internal note").fill("Refund abuser, do not refund");

  await list.getByRole("link", { name: /^Quinn Other/ }).click();
  await expect(page.getByLabel("Reply", { exact: true })).toHaveValue("");
  await list.getByRole("link", { name: /^Pat Draft/ }).click();

  await expect(page.getByRole("button", { name: "Note", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page.getByLabel("Internal note")).toHaveValue("Refund abuser, do not refund");
  await expect(page.getByRole("button", { name: "Add note" })).toBeVisible();
});

/*
 * Keyboard use of the assignment pickers: after a pick, focus is back on the button that
 * opened the picker. The button used to be disabled while the assignment ran, so the focus
 * the closing picker handed back was lost to the top of the page.
 */
test("after assigning from the picker with the keyboard, focus is back on its button", async ({
  page,
}) => {
  const dana = newPerson("Dana");
  const slug = await signUpWithWorkspace(page, dana, "Focus Co");
  await page.goto(`/${slug}/settings/channels`);
  const href = await page.getByRole("link", { name: "Open the widget" }).getAttribute("href");
  const publicId = href ? (new URL(href).pathname.split("/").at(-1) ?? "") : "";
  const path = await widgetCustomerWrites(page, { slug, publicId, name: "Kit Focus", body: "Hi" });
  await page.goto(path);

  const trigger = page.getByRole("button", { name: "Assign user", exact: true });
  await trigger.focus();
  await page.keyboard.press("Enter");
  const people = page.getByRole("dialog", { name: "Assign user" });
  await people.getByRole("combobox", { name: "Search people" }).fill(dana.name);
  await expect(people.getByRole("option")).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect(page.getByText("Assigned to you", { exact: true }).first()).toBeVisible();
  await expect(trigger).toBeFocused();
});
