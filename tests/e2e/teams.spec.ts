import { expect, test } from "@playwright/test";
import { newPerson, signUpWithWorkspace } from "./support/app";

test("an Admin creates, staffs, renames and deletes a team in Settings → Teams", async ({
  page,
}) => {
  const avery = newPerson("Avery");
  const slug = await signUpWithWorkspace(page, avery, "Teams Co");

  await page
    .getByRole("navigation", { name: "Workspace" })
    .getByRole("link", { name: "Settings" })
    .click();
  await page
    .getByRole("navigation", { name: "Settings" })
    .getByRole("link", { name: "Teams" })
    .click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings/teams$`));
  await expect(page.getByRole("heading", { name: "Teams", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No teams yet" })).toBeVisible();

  // Create "Support" with balanced routing.
  await page.getByRole("button", { name: "New team" }).click();
  const createDialog = page.getByRole("dialog", { name: "New team" });
  await createDialog.getByLabel("Name").fill("Support");
  await createDialog.getByLabel("Routing").selectOption({ label: "Balanced" });
  await createDialog.getByRole("button", { name: "Create team" }).click();
  await expect(createDialog).toBeHidden();
  const support = page.getByRole("region", { name: "Support", exact: true });
  await expect(support).toBeVisible();
  await expect(support.getByLabel("Routing")).toHaveValue("balanced");
  await expect(support.getByText("0 members")).toBeVisible();

  // The same name in another case is refused, in the dialog.
  await page.getByRole("button", { name: "New team" }).click();
  await createDialog.getByLabel("Name").fill("support");
  await createDialog.getByRole("button", { name: "Create team" }).click();
  await expect(createDialog.getByText('A team called "Support" already exists.')).toBeVisible();
  await expect(createDialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await createDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(createDialog).toBeHidden();
  await expect(page.getByRole("region", { name: /^support$/i })).toHaveCount(1);

  // Add themself; they were the only member left to add.
  await support.getByRole("button", { name: "Add member" }).click();
  await page.getByRole("menuitem", { name: new RegExp(avery.name) }).click();
  const removeAvery = support.getByRole("button", { name: `Remove ${avery.name} from Support` });
  await expect(removeAvery).toBeVisible();
  await expect(support.getByText("1 member")).toBeVisible();
  await expect(support.getByRole("button", { name: "Everyone is in this team" })).toBeDisabled();

  // Routing survives a reload.
  await support.getByLabel("Routing").selectOption({ label: "Round robin" });
  // A routing change asks first: it may route the team's waiting conversations at once.
  await page
    .getByRole("alertdialog", { name: "Route Support: Round robin?" })
    .getByRole("button", { name: "Change routing" })
    .click();
  await expect(page.getByText("Routing for Support: Round robin.")).toBeVisible();
  await page.reload();
  await expect(support.getByLabel("Routing")).toHaveValue("round_robin");

  // Rename.
  await support.getByRole("button", { name: "Rename", exact: true }).click();
  const renameDialog = page.getByRole("dialog", { name: "Rename Support" });
  await renameDialog.getByLabel("Name").fill("Customer Care");
  await renameDialog.getByRole("button", { name: "Save name" }).click();
  await expect(renameDialog).toBeHidden();
  const care = page.getByRole("region", { name: "Customer Care", exact: true });
  await expect(care).toBeVisible();
  await expect(page.getByRole("region", { name: "Support", exact: true })).toHaveCount(0);
  await expect(
    care.getByRole("button", { name: `Remove ${avery.name} from Customer Care` }),
  ).toBeVisible();

  // Delete, after confirming.
  await care.getByRole("button", { name: "Delete team" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete Customer Care?" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Delete team" }).click();
  await expect(confirm).toBeHidden();
  await expect(care).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "No teams yet" })).toBeVisible();
});
