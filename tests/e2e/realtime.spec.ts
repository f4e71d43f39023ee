import { type Browser, expect, type Page, test } from "@playwright/test";
import {
  inviteMembers,
  joinByInvitation,
  newPerson,
  type Person,
  signUpWithWorkspace,
  widgetCustomerWrites,
} from "./support/app";

/*
 * Live updates end to end, two browser contexts on the built-in driver (Server-Sent Events
 * over LISTEN/NOTIFY): an assignment reaches the agent's open inbox and bell without a reload,
 * typing shows on the other side, a web chat customer gets the reply live, and a removed
 * member's stream is cut and their next request refused. Dana is the Admin, Riley an Agent.
 */

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

const dana = newPerson("Dana");
const riley = newPerson("Riley");
let slug = "";
let publicId = "";
let admin: Page;
let agent: Page;

const join = (browser: Browser, person: Person) =>
  joinByInvitation(browser, { admin, person, slug });

const customerWrites = (name: string, body: string) =>
  widgetCustomerWrites(admin, { slug, publicId, name, body });

/** The live stream is open (the reconnecting pill is not shown and the stream answered). */
async function live(page: Page) {
  await expect(page.getByText("Live updates paused — reconnecting…")).toHaveCount(0);
}

test.beforeAll(async ({ browser }) => {
  admin = await (await browser.newContext()).newPage();
  slug = await signUpWithWorkspace(admin, dana, "Live Co");
  await inviteMembers(admin, { slug, people: [riley], role: "agent" });
  agent = await join(browser, riley);
  await admin.goto(`/${slug}/settings/channels`);
  const href = await admin.getByRole("link", { name: "Open the widget" }).getAttribute("href");
  publicId = href ? (new URL(href).pathname.split("/").at(-1) ?? "") : "";
  expect(publicId).not.toBe("");
});

test("an assignment reaches the agent's open inbox and bell within a second, without a reload", async () => {
  const path = await customerWrites("Morgan Live", "Where is my parcel?");
  await agent.goto(`/${slug}/inbox?view=mine`);
  await expect(agent.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
  await live(agent);
  const row = agent
    .getByRole("list", { name: "Conversations" })
    .getByRole("link", { name: /^Morgan Live/ });
  await expect(row).toHaveCount(0);

  await admin.goto(path);
  await admin.getByRole("button", { name: "Assign user", exact: true }).click();
  const people = admin.getByRole("dialog", { name: "Assign user" });
  await people.getByRole("combobox", { name: "Search people" }).fill("Riley");
  await admin.keyboard.press("Enter");
  await expect(admin.getByText(`Assigned to ${riley.name}`, { exact: true }).first()).toBeVisible();

  // Polling is off while live updates flow (it would take 5 s): only the stream can do this.
  await expect(row).toBeVisible({ timeout: 1_000 });
  await expect(
    agent.getByRole("button", { name: "Notifications, 1 unread", exact: true }),
  ).toBeVisible({ timeout: 1_000 });

  // The open conversation follows too: Dana closes it, Riley's view shows it closed.
  await row.click();
  await expect(agent.getByRole("button", { name: "Close", exact: true })).toBeVisible();
  await admin.getByRole("button", { name: "Close", exact: true }).click();
  await expect(agent.getByRole("button", { name: "Reopen", exact: true })).toBeVisible({
    timeout: 2_000,
  });
  await agent.getByRole("button", { name: "Reopen", exact: true }).click();
  await expect(admin.getByRole("button", { name: "Close", exact: true })).toBeVisible({
    timeout: 2_000,
  });
});

test("one member typing shows on the other's screen, and the customer's widget", async ({
  browser,
}) => {
  // The customer chats in the real widget page.
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(`/widget/${publicId}`);
  await customer.getByLabel("Your name").fill("Wren Widget");
  await customer.getByLabel("Message").fill("Hello from the widget");
  await customer.getByRole("button", { name: "Send" }).click();
  await expect(customer.getByText("Hello from the widget")).toBeVisible();

  await admin.goto(`/${slug}/inbox?view=all`);
  const row = admin
    .getByRole("list", { name: "Conversations" })
    .getByRole("link", { name: /^Wren Widget/ });
  await expect(row).toBeVisible({ timeout: 2_000 });
  const href = await row.getAttribute("href");
  if (!href) throw new Error("no link for the widget conversation");
  const path = new URL(href, "http://x").pathname;
  await admin.goto(path);
  await agent.goto(path);
  await expect(admin.getByText(/is also viewing/)).toContainText(riley.name, { timeout: 15_000 });

  await agent.getByRole("textbox", { name: "Reply" }).fill("Let me check that for you");
  await expect(admin.getByText(/is typing…/)).toContainText(riley.name, { timeout: 3_000 });
  await expect(customer.getByText(/is typing…/)).toBeVisible({ timeout: 3_000 });

  // Dana answers; the customer reads it without reloading.
  await admin.getByRole("textbox", { name: "Reply" }).fill("Hi! Dana here, how can I help?");
  await admin.keyboard.press("Enter");
  await expect(customer.getByText("Hi! Dana here, how can I help?")).toBeVisible({
    timeout: 2_000,
  });
  await customer.context().close();
});

test("a removed member's live stream is cut, their screen leaves the workspace, and their next request is refused", async () => {
  await agent.goto(`/${slug}/inbox`);
  await live(agent);
  await admin.goto(`/${slug}/settings/members`);
  await admin.getByRole("button", { name: `Remove ${riley.name}`, exact: true }).click();
  await admin
    .getByRole("alertdialog")
    .getByRole("button", { name: `Remove ${riley.name}`, exact: true })
    .click();
  await expect(admin.getByText(`${riley.name} was removed.`)).toBeVisible();

  // Without Riley touching anything, the revoked stream refreshes the page: not found.
  await expect(agent.getByRole("heading", { name: "This page isn't on the board" })).toBeVisible({
    timeout: 5_000,
  });
  const next = await agent.request.get(`/api/workspaces/${slug}/views`);
  expect(next.status()).toBe(404);
  const stream = await agent.request.get(`/api/workspaces/${slug}/realtime`);
  expect(stream.status()).toBe(404);
});
