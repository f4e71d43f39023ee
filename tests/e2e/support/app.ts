import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Browser, expect, type Locator, type Page } from "@playwright/test";

export const PASSWORD = "a-long-enough-password";

export function newPerson(label: string) {
  const id = randomBytes(4).toString("hex");
  return {
    name: `${label} ${id}`,
    email: `${label.toLowerCase()}-${id}@example.test`,
    password: PASSWORD,
  };
}
export type Person = ReturnType<typeof newPerson>;

/** Page objects for the auth and workspace screens. */
export const signUpPage = {
  async open(page: Page) {
    await page.goto("/sign-up");
    await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  },
  async submit(page: Page, person: { name: string; email: string; password: string }) {
    await page.getByLabel("Name").fill(person.name);
    await page.getByLabel("Work email").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Create account" }).click();
  },
};

export const signInPage = {
  async open(page: Page) {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Sign in to Switchboard" })).toBeVisible();
  },
  async withPassword(page: Page, email: string, password: string) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
  },
  async requestLink(page: Page, email: string) {
    await page.getByRole("tab", { name: "Email me a link" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  },
};

export async function createWorkspace(page: Page, name: string): Promise<string> {
  await expect(page).toHaveURL(/\/workspaces\/new$/);
  await page.getByLabel("Workspace name").fill(name);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/[a-z0-9-]+\/inbox$/);
  const slug = new URL(page.url()).pathname.split("/")[1];
  if (!slug) throw new Error(`no workspace slug in ${page.url()}`);
  return slug;
}

/** Signs up and creates a workspace; returns its slug. */
export async function signUpWithWorkspace(page: Page, person: Person, workspaceName: string) {
  await signUpPage.open(page);
  await signUpPage.submit(page, person);
  return createWorkspace(page, workspaceName);
}

export async function signOut(page: Page) {
  const narrow = (page.viewportSize()?.width ?? 1280) < 1024;
  if (narrow) await page.getByRole("button", { name: "Open menu" }).click();
  await page.getByRole("button", { name: /^Account:/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

/** The newest sign-in link the dev mailbox holds for this address. */
export async function magicLinkFromMailbox(page: Page, email: string): Promise<string> {
  await page.goto("/dev/mailbox");
  const message = page.getByRole("article").filter({ hasText: email }).first();
  await expect(message).toBeVisible();
  const href = await message
    .getByRole("link")
    .filter({ hasText: "/api/auth/callback/email" })
    .first()
    .getAttribute("href");
  if (!href) throw new Error(`no sign-in link for ${email}`);
  return href;
}

/** The PostgreSQL database the e2e server runs on; null when it runs on embedded PGlite. */
export function e2eDatabaseUrl(): string | null {
  const file = path.resolve(import.meta.dirname, "../../../.test-results/e2e-database.json");
  if (!existsSync(file)) return null;
  const { url } = JSON.parse(readFileSync(file, "utf8")) as { url: string };
  return url;
}

/** The newest invitation link the dev mailbox holds for this address, as a path. */
export async function invitationLink(page: Page, email: string): Promise<string> {
  await page.goto("/dev/mailbox");
  const message = page.getByRole("article").filter({ hasText: email }).first();
  await expect(message).toBeVisible();
  const href = await message
    .getByRole("link")
    .filter({ hasText: "/invite/" })
    .first()
    .getAttribute("href");
  if (!href) throw new Error(`no invitation link for ${email}`);
  return new URL(href).pathname;
}

/** The Admin invites `people` with one role from Settings → Members; the dialog closes. */
export async function inviteMembers(
  admin: Page,
  { slug, people, role }: { slug: string; people: readonly Person[]; role: string },
): Promise<void> {
  await admin.goto(`/${slug}/settings/members`);
  await admin.getByRole("button", { name: "Invite members" }).click();
  const dialog = admin.getByRole("dialog", { name: "Invite members" });
  await dialog.getByLabel("Email addresses").fill(people.map((p) => p.email).join(", "));
  await dialog.getByLabel("Role").selectOption(role);
  await dialog.getByRole("button", { name: "Send invitations" }).click();
  await expect(dialog).toBeHidden();
}

/** An invited person accepts by email link in a browser context of their own, and lands in the inbox. */
export async function joinByInvitation(
  browser: Browser,
  { admin, person, slug }: { admin: Page; person: Person; slug: string },
): Promise<Page> {
  const link = await invitationLink(admin, person.email);
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByLabel("Name").fill(person.name);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("button", { name: /^Join / }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/inbox`));
  return page;
}

/**
 * A customer writes through the web chat widget's API; the admin's All view lists it. Returns
 * the conversation's inbox path.
 */
export async function widgetCustomerWrites(
  admin: Page,
  { slug, publicId, name, body }: { slug: string; publicId: string; name: string; body: string },
): Promise<string> {
  const session = await admin.request.post(`/api/widget/${publicId}/session`, { data: {} });
  const { token } = (await session.json()) as { token: string };
  const sent = await admin.request.post(`/api/widget/${publicId}/messages`, {
    headers: { authorization: `Bearer ${token}` },
    data: { body, name },
  });
  expect(sent.ok()).toBe(true);
  // The message was stored before the answer came back; the list shows it on its first load.
  return inboxPathOf(admin, { slug, name });
}

/** The admin's All view lists the contact's conversation; returns its inbox path. */
export async function inboxPathOf(
  admin: Page,
  { slug, name }: { slug: string; name: string },
): Promise<string> {
  await admin.goto(`/${slug}/inbox?view=all`);
  const row = admin
    .getByRole("list", { name: "Conversations" })
    .getByRole("link", { name: new RegExp(`^${name}`) });
  await expect(row).toBeVisible({ timeout: 20_000 });
  const href = await row.getAttribute("href");
  if (!href) throw new Error(`no link for ${name}`);
  return new URL(href, "http://x").pathname;
}

/** The status menu in the header's user menu (Online / Away / Offline). */
export async function setStatus(page: Page, status: "Online" | "Away" | "Offline") {
  await page.getByRole("button", { name: /^Account:/ }).click();
  await page.getByRole("menuitemradio", { name: status }).click();
  await expect(
    page.getByRole("button", { name: new RegExp(`^Account: .*${status}`) }),
  ).toBeVisible();
}

/** The details sheet (beside the thread only on very wide screens). */
export async function openDetails(page: Page): Promise<Locator> {
  const details = page.getByRole("dialog", { name: "Details" });
  if (!(await details.isVisible())) {
    await page.getByRole("button", { name: "Details", exact: true }).click();
  }
  await expect(details).toBeVisible();
  return details;
}
