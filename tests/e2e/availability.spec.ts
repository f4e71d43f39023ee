import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import {
  invitationLink,
  inviteMembers,
  newPerson,
  type Person,
  signUpWithWorkspace,
} from "./support/app";

/** The account menu: at the bottom of the sidebar (inside the slide-in menu on a phone). */
const accountMenu = {
  trigger(page: Page) {
    return page.getByRole("button", { name: /^Account:/ });
  },
  async open(page: Page) {
    await this.trigger(page).click();
    await expect(page.getByRole("menu")).toBeVisible();
  },
  async setStatus(page: Page, status: "Online" | "Away" | "Offline") {
    await this.open(page);
    await page.getByRole("menuitemradio", { name: status }).click();
    await expect(this.trigger(page)).toHaveAccessibleName(new RegExp(`, ${status}`));
    await this.settled(page);
  },
  /** The change is saved: the menu's trigger is busy while its action runs. */
  async settled(page: Page) {
    await expect(this.trigger(page)).not.toHaveAttribute("aria-busy", "true");
  },
};

const routingPage = {
  async open(page: Page, slug: string) {
    await page.goto(`/${slug}/settings`);
    await page
      .getByRole("navigation", { name: "Settings" })
      .getByRole("link", { name: "Routing" })
      .click();
    await expect(page).toHaveURL(new RegExp(`/${slug}/settings/routing$`));
    await expect(page.getByRole("heading", { name: "Routing", exact: true })).toBeVisible();
  },
  summary(page: Page) {
    return page.getByTestId("eligibility-summary");
  },
  member(page: Page, name: string) {
    return page.getByRole("list", { name: "Eligibility" }).getByRole("listitem").filter({
      hasText: name,
    });
  },
};

/** The web chat's public id, from Settings → Channels. */
async function widgetPublicId(page: Page, slug: string): Promise<string> {
  await page.goto(`/${slug}/settings/channels`);
  const href = await page.getByRole("link", { name: "Open the widget" }).getAttribute("href");
  const publicId = href ? new URL(href, "http://x").pathname.split("/").at(-1) : undefined;
  if (!publicId) throw new Error(`no public id in the widget URL ${href}`);
  return publicId;
}

/** A customer writes through the web chat widget's own endpoints, as the widget does. */
async function customerWrites(
  request: APIRequestContext,
  publicId: string,
  message: { name: string; body: string },
) {
  const session = await request.post(`/api/widget/${publicId}/session`, { data: {} });
  expect(session.ok()).toBe(true);
  const { token } = (await session.json()) as { token: string };
  const sent = await request.post(`/api/widget/${publicId}/messages`, {
    headers: { authorization: `Bearer ${token}` },
    data: message,
  });
  expect(sent.ok()).toBe(true);
}

/** Invites an Agent and has them join in a browser of their own; returns their page. */
async function agentJoins(page: Page, slug: string, agent: Person, workspaceName: string) {
  await inviteMembers(page, { slug, people: [agent], role: "agent" });
  const link = await invitationLink(page, agent.email);

  const context = await page.context().browser()?.newContext();
  if (!context) throw new Error("no browser");
  const agentPage = await context.newPage();
  await agentPage.goto(link);
  await agentPage.getByLabel("Name").fill(agent.name);
  await agentPage.getByLabel("Password").fill(agent.password);
  await agentPage.getByRole("button", { name: "Create account" }).click();
  await agentPage.getByRole("button", { name: `Join ${workspaceName}` }).click();
  await expect(agentPage).toHaveURL(new RegExp(`/${slug}/inbox$`));
  return agentPage;
}

test("an Admin turns on balanced routing; an Agent who comes online gets the waiting conversation on their own", async ({
  page,
}) => {
  const admin = newPerson("Ada");
  const agent = newPerson("Sam");
  const workspaceName = "Route Co";
  const slug = await signUpWithWorkspace(page, admin, workspaceName);
  const sam = await agentJoins(page, slug, agent, workspaceName);

  // The Admin steps away, so only the Agent can take conversations.
  await page.goto(`/${slug}/inbox`);
  await accountMenu.setStatus(page, "Away");

  // Settings → Routing: manual to start with; the Admin picks Balanced.
  await routingPage.open(page, slug);
  const manual = page.getByRole("radio", { name: /^Manual/ });
  const balanced = page.getByRole("radio", { name: /^Balanced/ });
  await expect(manual).toBeChecked();
  // A mode asks first: it may route every waiting conversation at once.
  await balanced.click();
  const ask = page.getByRole("alertdialog", { name: "Switch routing to Balanced?" });
  await expect(ask).toContainText("routed at once");
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(manual).toBeChecked();
  await balanced.click();
  await page.getByRole("button", { name: "Use Balanced" }).click();
  await expect(page.getByText("Balanced routing is on.")).toBeVisible();
  await expect(balanced).toBeChecked();
  await expect(routingPage.summary(page)).toHaveText(
    "0 of 2 members are online, accept chats and have room; 0 conversations waiting.",
  );
  await expect(routingPage.member(page, agent.name)).toContainText("Skipped: offline");
  await expect(routingPage.member(page, admin.name)).toContainText("Skipped: away");

  // A customer writes while nobody can take it: it waits in the queue.
  const customer = `Casey ${Date.now()}`;
  await customerWrites(page.request, await widgetPublicId(page, slug), {
    name: customer,
    body: "Is my parcel on its way?",
  });
  await routingPage.open(page, slug);
  await expect(routingPage.summary(page)).toHaveText(
    "0 of 2 members are online, accept chats and have room; 1 conversation waiting.",
  );

  // Sam watches Mine (empty), then comes online from the account menu — nothing else.
  await sam.goto(`/${slug}/inbox?view=mine`);
  const mine = sam.getByRole("list", { name: "Conversations" });
  await expect(sam.getByText(customer)).toHaveCount(0);
  await expect(accountMenu.trigger(sam)).toHaveAccessibleName(`Account: ${agent.name}, Offline`);
  await accountMenu.open(sam);
  await expect(sam.getByRole("menuitemradio", { name: "Offline" })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await expect(sam.getByRole("menuitemcheckbox", { name: "Accepts chats" })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await sam.getByRole("menuitemradio", { name: "Online" }).click();
  await expect(sam.getByText("1 waiting conversation assigned to you.")).toBeVisible();
  await expect(accountMenu.trigger(sam)).toHaveAccessibleName(`Account: ${agent.name}, Online`);
  await expect(mine.getByText(customer)).toBeVisible();

  // The Admin's summary now counts Sam, with the conversation he holds.
  await page.reload();
  await expect(routingPage.summary(page)).toHaveText(
    "1 of 2 members are online, accept chats and have room; 0 conversations waiting.",
  );
  await expect(routingPage.member(page, agent.name)).toContainText("Eligible");
  await expect(routingPage.member(page, agent.name)).toContainText("1 open");

  // Not accepting chats: Sam stays online but routing skips him.
  await accountMenu.open(sam);
  await sam.getByRole("menuitemcheckbox", { name: "Accepts chats" }).click();
  await expect(accountMenu.trigger(sam)).toHaveAccessibleName(
    `Account: ${agent.name}, Online · not accepting chats`,
  );
  await accountMenu.settled(sam);
  await page.reload();
  await expect(routingPage.member(page, agent.name)).toContainText("Skipped: not accepting chats");

  // An Agent reads Settings → Routing but cannot change it.
  await sam.goto(`/${slug}/settings/routing`);
  await expect(sam.getByText("Only Admins can change these settings.")).toBeVisible();
  await expect(sam.getByRole("radio", { name: /^Balanced/ })).toBeChecked();
  await expect(sam.getByRole("radio", { name: /^Manual/ })).toBeDisabled();
  await expect(sam.getByRole("switch", { name: "Self-assign on first reply" })).toBeDisabled();

  await sam.context().close();
});

test("an Admin sets a capacity on Members: bad input is refused, a limit below the load says what happens", async ({
  page,
}) => {
  const admin = newPerson("Ines");
  const slug = await signUpWithWorkspace(page, admin, "Capacity Co");
  // Balanced routing and the Admin online (as a workspace's creator starts): three customers'
  // conversations all go to her.
  await routingPage.open(page, slug);
  await page.getByRole("radio", { name: /^Balanced/ }).click();
  await page.getByRole("button", { name: "Use Balanced" }).click();
  await expect(page.getByText("Balanced routing is on.")).toBeVisible();
  const publicId = await widgetPublicId(page, slug);
  for (const name of ["Lena", "Marco", "Aisha"]) {
    await customerWrites(page.request, publicId, { name, body: `Hello, this is ${name}.` });
  }

  await page.goto(`/${slug}/settings/members`);
  const row = page.getByRole("list", { name: "Members" }).getByRole("listitem").first();
  await expect(row).toContainText("3 open");
  const capacity = page.getByLabel(`Capacity of ${admin.name}`);
  await expect(capacity).toHaveValue("");

  // Bad input: one clear message, nothing saved.
  await capacity.fill("0");
  await capacity.press("Enter");
  const message = "Capacity is a whole number from 1 to 999, or empty for no limit.";
  await expect(row.getByRole("alert")).toHaveText(message);
  await expect(capacity).toHaveAttribute("aria-invalid", "true");
  await page.reload();
  await expect(capacity).toHaveValue("");

  // Below the load: said before saving, allowed, and said again after.
  await capacity.fill("2");
  const note = `${admin.name} keeps the 3 open conversations; routing sends no more until below 2.`;
  await expect(row.getByText(note)).toBeVisible();
  await capacity.press("Enter");
  await expect(page.getByText(`Capacity of ${admin.name}: 2. ${note}`)).toBeVisible();
  await expect(row).toContainText("3/2 open");
  await expect(row).toContainText("Over capacity");

  // Empty is no limit.
  await capacity.fill("");
  await capacity.press("Enter");
  await expect(page.getByText(`Capacity of ${admin.name}: no limit.`)).toBeVisible();
  await expect(row).toContainText("3 open");
  await expect(row).not.toContainText("Over capacity");

  const accepts = page.getByRole("switch", { name: `${admin.name} accepts chats` });
  await expect(accepts).toBeChecked();
  await accepts.click();
  await expect(page.getByText(`${admin.name} no longer accepts chats`)).toBeVisible();
  await page.reload();
  await expect(accepts).not.toBeChecked();
});
