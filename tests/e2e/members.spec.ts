import { type Browser, expect, type Page, test } from "@playwright/test";
import { invitationLink, newPerson, signUpPage, signUpWithWorkspace } from "./support/app";

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test("invite two, one joins by signing up, the other is revoked; role change; removal locks out an open tab", async ({
  page,
  browser,
}) => {
  const admin = newPerson("Dana");
  const slug = await signUpWithWorkspace(page, admin, "Crew Desk");
  const joiner = newPerson("Jo");
  const revoked = newPerson("Rex");

  // Invite both at once.
  await page.goto(`/${slug}/settings/members`);
  await expect(page.getByText("1 of 3 seats used")).toBeVisible();
  await page.getByRole("button", { name: "Invite members" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite members" });
  await dialog.getByLabel("Email addresses").fill(`${joiner.email}\n${revoked.email}`);
  await dialog.getByLabel("Role").selectOption("agent");
  await dialog.getByRole("button", { name: "Send invitations" }).click();
  await expect(dialog).toBeHidden();
  const pending = page.getByRole("list", { name: "Pending invitations" });
  await expect(pending.getByText(joiner.email)).toBeVisible();
  await expect(pending.getByText(revoked.email)).toBeVisible();
  await expect(page.getByText("3 of 3 seats used")).toBeVisible();

  // Inviting past the limit is refused with what to do.
  await page.getByRole("button", { name: "Invite members" }).click();
  await dialog.getByLabel("Email addresses").fill(newPerson("Extra").email);
  await dialog.getByRole("button", { name: "Send invitations" }).click();
  await expect(dialog.getByText(/The Starter plan has 3 seats, with 3 seats in use/)).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Both emails are in the dev mailbox.
  const joinLink = await invitationLink(page, joiner.email);
  const revokedLink = await invitationLink(page, revoked.email);

  // Revoke the second.
  await page.goto(`/${slug}/settings/members`);
  await page.getByRole("button", { name: `Revoke invitation to ${revoked.email}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke invitation" }).click();
  await expect(pending.getByText(revoked.email)).toHaveCount(0);
  // Its row (and the button that had focus) is gone: focus lands on the section's heading,
  // not at the top of the page.
  await expect(page.getByRole("heading", { name: "Pending invitations" })).toBeFocused();

  const outsider = await freshPage(browser);
  await outsider.goto(revokedLink);
  await expect(
    outsider.getByRole("heading", { name: "This invitation was revoked" }),
  ).toBeVisible();

  // The first accepts by signing up with the invited address.
  const jo = await freshPage(browser);
  await jo.goto(joinLink);
  await expect(jo.getByRole("heading", { name: "Join Crew Desk" })).toBeVisible();
  await expect(jo.getByLabel("Work email")).toHaveValue(joiner.email);
  await expect(jo.getByLabel("Work email")).toHaveAttribute("readonly", "");
  await jo.getByLabel("Name").fill(joiner.name);
  await jo.getByLabel("Password").fill(joiner.password);
  await jo.getByRole("button", { name: "Create account" }).click();
  await jo.getByRole("button", { name: "Join Crew Desk" }).click();
  await expect(jo).toHaveURL(new RegExp(`/${slug}/inbox$`));
  await expect(jo.getByRole("button", { name: /Workspace: Crew Desk/ })).toBeVisible();

  // The link works once.
  await outsider.goto(joinLink);
  await expect(
    outsider.getByRole("heading", { name: "This invitation was already used" }),
  ).toBeVisible();

  // The admin makes Jo a Manager.
  await page.goto(`/${slug}/settings/members`);
  const members = page.getByRole("list", { name: "Members" });
  await expect(members.getByText(joiner.email)).toBeVisible();
  // A role picked in the menu asks first (arrow keys on a closed menu change its value).
  await page.getByLabel(`Role of ${joiner.name}`).selectOption("viewer");
  const asked = page.getByRole("alertdialog", { name: `Make ${joiner.name} a Viewer?` });
  await expect(asked).toContainText("Viewers: every conversation, read-only.");
  await asked.getByRole("button", { name: "Cancel" }).click();
  await expect(asked).toBeHidden();
  await expect(page.getByLabel(`Role of ${joiner.name}`)).toHaveValue("agent");
  await page.getByLabel(`Role of ${joiner.name}`).selectOption("manager");
  await page
    .getByRole("alertdialog", { name: `Make ${joiner.name} a Manager?` })
    .getByRole("button", { name: "Make Manager" })
    .click();
  await expect(page.getByText(`${joiner.name} is now Manager.`)).toBeVisible();

  // Jo, as a Manager, has Teams open with its controls ready.
  await jo.goto(`/${slug}/settings/teams`);
  await expect(jo.getByRole("button", { name: "New team" })).toBeVisible();

  // The admin removes Jo while Jo's tab is open.
  await page.getByRole("button", { name: `Remove ${joiner.name}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Remove ${joiner.name}?` });
  await confirm.getByRole("button", { name: `Remove ${joiner.name}` }).click();
  await expect(page.getByText(`${joiner.name} was removed.`)).toBeVisible();
  await expect(members.getByText(joiner.email)).toHaveCount(0);

  // Jo's open tab is cut off live (the stream is revoked and the page leaves the workspace),
  // without Jo doing anything…
  await expect(jo.getByRole("heading", { name: "This page isn't on the board" })).toBeVisible({
    timeout: 10_000,
  });
  // …a write from Jo's session is refused…
  const write = await jo.request.post(`/api/workspaces/${slug}/conversations/x/presence`, {
    data: { viewing: true },
  });
  expect(write.status()).toBe(404);
  // …and so is the next navigation.
  const response = await jo.goto(`/${slug}/inbox`);
  expect(response?.status()).toBe(404);
  const api = await jo.request.get(`/api/workspaces/${slug}`);
  expect(api.status()).toBe(404);
});

test("a signed-in user with another address is told to sign out and continue", async ({
  page,
  browser,
}) => {
  const admin = newPerson("Ana");
  const slug = await signUpWithWorkspace(page, admin, "Switch Co");
  const invitee = newPerson("Ivo");
  await page.goto(`/${slug}/settings/members`);
  await page.getByRole("button", { name: "Invite members" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite members" });
  await dialog.getByLabel("Email addresses").fill(invitee.email);
  await dialog.getByRole("button", { name: "Send invitations" }).click();
  await expect(dialog).toBeHidden();
  const link = await invitationLink(page, invitee.email);

  const other = await freshPage(browser);
  await signUpPage.open(other);
  await signUpPage.submit(other, newPerson("Someone"));
  await expect(other).toHaveURL(/\/workspaces\/new$/);
  await other.goto(link);
  await expect(other.getByText(`but this invitation is for ${invitee.email}`)).toBeVisible();
  await other.getByRole("button", { name: "Sign out and continue" }).click();
  await expect(other.getByRole("heading", { name: "Join Switch Co" })).toBeVisible();
  await expect(other.getByLabel("Work email")).toHaveValue(invitee.email);
});
