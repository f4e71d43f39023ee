import { type Browser, expect, type Page, test } from "@playwright/test";
import {
  inboxPathOf,
  inviteMembers,
  joinByInvitation,
  newPerson,
  openDetails,
  type Person,
  setStatus,
  signUpWithWorkspace,
  widgetCustomerWrites,
} from "./support/app";

/*
 * AI agents end to end, with the built-in responder (no model configured): an admin teaches an
 * agent, hands a widget conversation to it with "Send initial message", the customer reads the
 * greeting and an answer from the knowledge, asks for a person and is handed off to the
 * least-loaded online member of the agent's team, who sees why; a session ended with the
 * banner's X answers nothing more. One workspace serves the tests in order.
 */

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

const dana = newPerson("Dana");
const sam = newPerson("Sam");
const xena = newPerson("Xena");
let slug = "";
let publicId = "";
let admin: Page;
let samPage: Page;
let xenaPage: Page;

const GREETING = "Hi! I'm Ava, the virtual assistant. How can I help?";
const HOURS = "We are open 9 to 5 on weekdays.";

const join = (browser: Browser, person: Person) =>
  joinByInvitation(browser, { admin, person, slug });

/** A customer in the real widget page; returns the page and the conversation's inbox path. */
async function customerChats(browser: Browser, name: string, body: string) {
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(`/widget/${publicId}`);
  await customer.getByLabel("Your name").fill(name);
  await customer.getByLabel("Message").fill(body);
  await customer.getByRole("button", { name: "Send" }).click();
  await expect(customer.getByText(body)).toBeVisible();
  return { customer, path: await inboxPathOf(admin, { slug, name }) };
}

async function say(customer: Page, body: string) {
  await customer.getByLabel("Message").fill(body);
  await customer.getByRole("button", { name: "Send" }).click();
  await expect(customer.getByText(body)).toBeVisible();
}

/** The header's sparkles picker: choose the agent, set "Send initial message", assign. */
async function assignAva(page: Page, { greet }: { greet: boolean }) {
  await page.getByRole("button", { name: "Assign agent", exact: true }).click();
  const picker = page.getByRole("dialog", { name: "Assign agent" });
  await picker.getByRole("option", { name: /^Ava/ }).click();
  const form = page.getByRole("dialog", { name: "Assign Ava" });
  const send = form.getByRole("checkbox", { name: "Send initial message" });
  await expect(send).toBeChecked();
  if (!greet) await send.uncheck();
  await form.getByRole("button", { name: "Assign agent" }).click();
  await expect(page.getByRole("region", { name: "AI agent" })).toContainText(
    "Ava is handling this conversation",
  );
}

test.beforeAll(async ({ browser }) => {
  admin = await (await browser.newContext()).newPage();
  slug = await signUpWithWorkspace(admin, dana, "Agents Inbox Co");
  await inviteMembers(admin, { slug, people: [sam, xena], role: "agent" });
  samPage = await join(browser, sam);
  xenaPage = await join(browser, xena);

  // Support routes by balance; Sam and Xena are in it and online.
  await admin.goto(`/${slug}/settings/teams`);
  await admin.getByRole("button", { name: "New team" }).click();
  const team = admin.getByRole("dialog", { name: "New team" });
  await team.getByLabel("Name").fill("Support");
  await team.getByLabel("Routing").selectOption("balanced");
  await team.getByRole("button", { name: "Create team" }).click();
  await expect(team).toBeHidden();
  const card = admin.getByRole("region", { name: "Support", exact: true });
  for (const person of [sam, xena]) {
    await card.getByRole("button", { name: "Add member" }).click();
    await admin.getByRole("menuitem", { name: new RegExp(person.name) }).click();
    await expect(
      card.getByRole("button", { name: `Remove ${person.name} from Support` }),
    ).toBeVisible();
  }
  for (const page of [samPage, xenaPage]) {
    await page.goto(`/${slug}/inbox`);
    await setStatus(page, "Online");
  }

  await admin.goto(`/${slug}/settings/channels`);
  const href = await admin.getByRole("link", { name: "Open the widget" }).getAttribute("href");
  publicId = href ? (new URL(href).pathname.split("/").at(-1) ?? "") : "";
  expect(publicId).not.toBe("");

  // Sam already carries a conversation: Xena is the least loaded of the two.
  const loadPath = await widgetCustomerWrites(admin, {
    slug,
    publicId,
    name: "Lee Load",
    body: "A question about invoices",
  });
  await admin.goto(loadPath);
  await admin.getByRole("button", { name: "Assign user", exact: true }).click();
  const people = admin.getByRole("dialog", { name: "Assign user" });
  await people.getByRole("combobox", { name: "Search people" }).fill(sam.name.split(" ")[1] ?? "");
  await expect(people.getByRole("option")).toHaveCount(1);
  await admin.keyboard.press("Enter");
  await expect(admin.getByText(`Assigned to ${sam.name}`, { exact: true }).first()).toBeVisible();

  // Ava: hands off to Support, greets first, knows the opening hours.
  await admin.goto(`/${slug}/settings/agents`);
  await admin.getByRole("button", { name: "New agent" }).click();
  const create = admin.getByRole("dialog", { name: "New agent" });
  await create.getByLabel("Name").fill("Ava");
  await create.getByRole("button", { name: "Create agent" }).click();
  await expect(admin.getByRole("heading", { name: "Ava", level: 2 })).toBeVisible();
  await admin.getByLabel("Hand off to").selectOption({ label: "Support" });
  await admin.getByRole("switch", { name: "Send an initial message" }).click();
  await admin.getByLabel("Initial message", { exact: true }).fill(GREETING);
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect(admin.getByText("Saved Ava.")).toBeVisible();
  const knowledge = admin.getByRole("region", { name: "Knowledge" });
  await knowledge.getByRole("button", { name: "Add entry" }).click();
  const add = admin.getByRole("dialog", { name: "Add knowledge" });
  await add.getByLabel("Question").fill("What are your opening hours?");
  await add.getByLabel("Answer").fill(HOURS);
  await add.getByRole("button", { name: "Add entry" }).click();
  await expect(add).toBeHidden();
});

test("the agent greets, answers from its knowledge, and hands off to the least-loaded member of its team", async ({
  browser,
}) => {
  const { customer, path } = await customerChats(browser, "Wren Widget", "Hello there");
  await admin.goto(path);
  await assignAva(admin, { greet: true });
  await expect(customer.getByText(GREETING)).toBeVisible({ timeout: 10_000 });

  await say(customer, "When are your opening hours?");
  await expect(customer.getByText(HOURS)).toBeVisible({ timeout: 15_000 });
  // The inbox shows the answer under Ava's name, live.
  await expect(admin.getByText(HOURS).first()).toBeVisible({ timeout: 10_000 });

  await say(customer, "Can I talk to a real person please?");
  // Xena had no open conversation; Sam had one: Support's balanced routing picks Xena.
  await expect(admin.getByRole("region", { name: "AI agent" })).toBeHidden({ timeout: 15_000 });
  await xenaPage.goto(path);
  const details = await openDetails(xenaPage);
  await expect(details.getByText(/handed off/i).first()).toBeVisible();
  await expect(details.getByText("The customer asked for a person.").first()).toBeVisible();
  await expect(details.getByText(`Why ${xena.name}?`)).toBeVisible();
  await customer.context().close();
});

test("ending the session with the banner's X stops the agent's answers", async ({ browser }) => {
  const { customer, path } = await customerChats(browser, "Nia Noreply", "Hi, quick question");
  await admin.goto(path);
  await assignAva(admin, { greet: false });
  await admin.getByRole("button", { name: "End Ava's session" }).click();
  await expect(admin.getByText("Session ended")).toBeVisible();
  await expect(admin.getByRole("region", { name: "AI agent" })).toBeHidden();

  await say(customer, "What are your opening hours?");
  // The message reaches the inbox; no answer comes back, however long we wait.
  await expect(admin.getByText("What are your opening hours?").first()).toBeVisible({
    timeout: 10_000,
  });
  await customer.waitForTimeout(4_000);
  await expect(customer.getByText(HOURS)).toHaveCount(0);
  await customer.context().close();
});
