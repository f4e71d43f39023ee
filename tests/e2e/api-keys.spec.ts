import { expect, test } from "@playwright/test";
import { newPerson, signUpWithWorkspace } from "./support/app";

test.setTimeout(120_000);

/*
 * A new API key is shown once. Escape and the corner X used to close its dialog and lose it;
 * while it shows, only "Done" closes the dialog.
 */
test("a new API key's dialog closes only with Done", async ({ page }) => {
  const slug = await signUpWithWorkspace(page, newPerson("Dana"), "Keys Co");
  await page.goto(`/${slug}/settings/api-keys`);
  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await dialog.getByLabel("Name").fill("Telegram bridge");
  await dialog.getByRole("button", { name: "Create key" }).click();

  const shown = page.getByRole("dialog", { name: "Your new API key" });
  const key = shown.getByLabel("API key");
  await expect(key).not.toHaveValue("");
  await page.keyboard.press("Escape");
  await expect(shown).toBeVisible();
  await expect(shown.getByRole("button", { name: "Close" })).toHaveCount(0);
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toBeHidden();
  await expect(page.getByText("Telegram bridge")).toBeVisible();
});
