import { readFileSync } from "node:fs";
import { type Browser, expect, type Page, test } from "@playwright/test";
import {
  inviteMembers,
  joinByInvitation,
  newPerson,
  type Person,
  signUpWithWorkspace,
} from "./support/app";

test.setTimeout(180_000);

/** The Admin invites people with one role; each accepts in a browser of their own. */
async function inviteAndJoin(
  admin: Page,
  browser: Browser,
  slug: string,
  people: Person[],
  role: string,
) {
  await inviteMembers(admin, { slug, people, role });
  const pages: Page[] = [];
  for (const person of people) {
    pages.push(await joinByInvitation(browser, { admin, person, slug }));
  }
  return pages;
}

async function createTeam(admin: Page, slug: string, name: string, member: Person) {
  await admin.goto(`/${slug}/settings/teams`);
  await admin.getByRole("button", { name: "New team" }).click();
  const dialog = admin.getByRole("dialog", { name: "New team" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expect(dialog).toBeHidden();
  const card = admin.getByRole("region", { name, exact: true });
  await card.getByRole("button", { name: "Add member" }).click();
  await admin.getByRole("menuitem", { name: new RegExp(member.name) }).click();
  await expect(
    card.getByRole("button", { name: `Remove ${member.name} from ${name}` }),
  ).toBeVisible();
}

test("a widget message reaches the right agent, who replies; scope, read-only, search and export hold", async ({
  page: admin,
  browser,
}) => {
  const slug = await signUpWithWorkspace(admin, newPerson("Dana"), "Inbox Co");
  await admin.goto(`/${slug}/settings/plan`);
  await admin.getByRole("button", { name: "Switch to Team" }).click();
  await expect(admin.getByText("You are now on the Team plan.")).toBeVisible();

  const sam = newPerson("Sam");
  const xena = newPerson("Xena");
  const vic = newPerson("Vic");
  const [samPage, xenaPage] = await inviteAndJoin(admin, browser, slug, [sam, xena], "agent");
  const [vicPage] = await inviteAndJoin(admin, browser, slug, [vic], "viewer");
  if (!samPage || !xenaPage || !vicPage) throw new Error("members did not join");

  await createTeam(admin, slug, "Support", sam);
  await createTeam(admin, slug, "Sales", xena);

  // New web chats start with Support.
  await admin.goto(`/${slug}/settings/channels`);
  await admin.getByLabel("Team for new chats").selectOption({ label: "Support" });
  await admin.getByRole("button", { name: "Save web chat settings" }).click();
  await expect(admin.getByText(/saved/i).first()).toBeVisible();
  const href = await admin.getByRole("link", { name: "Open the widget" }).getAttribute("href");
  const publicId = href ? new URL(href).pathname.split("/").at(-1) : "";

  // A customer writes from a website.
  const word = `pineapple${Date.now()}`;
  const question = `My parcel ${word} is late, can you help?`;
  const site = await (await browser.newContext()).newPage();
  await site.goto(`/widget-demo.html?workspace=${publicId}`);
  await site.getByRole("button", { name: "Chat with us" }).click();
  const chat = site.frameLocator('iframe[title="Chat"]');
  await chat.getByLabel("Your name").fill("Casey Customer");
  await chat.getByLabel("Message").fill(question);
  await chat.getByRole("button", { name: "Send" }).click();
  await expect(chat.getByRole("log", { name: "Conversation" }).getByText(question)).toBeVisible();

  // Sam (Support) finds it in Unassigned and replies.
  await samPage.goto(`/${slug}/inbox?view=unassigned`);
  const list = samPage.getByRole("list", { name: "Conversations" });
  await expect(list.getByRole("link", { name: /^Casey Customer/ })).toBeVisible({
    timeout: 15_000,
  });
  await list.getByRole("link", { name: /^Casey Customer/ }).click();
  await expect(samPage).toHaveURL(/\/inbox\/[0-9a-f-]{36}/);
  const conversationPath = new URL(samPage.url()).pathname;
  const thread = samPage.getByRole("log", { name: "Messages" });
  await expect(thread.getByText(question)).toBeVisible();
  const reply = "Sorry about that! I am checking with the carrier now.";
  await samPage.getByRole("textbox", { name: "Reply" }).fill(reply);
  await samPage.getByRole("button", { name: "Send" }).click();
  await expect(thread.getByText(reply)).toBeVisible();

  // The customer sees the reply without reloading.
  await expect(chat.getByRole("log", { name: "Conversation" }).getByText(reply)).toBeVisible({
    timeout: 15_000,
  });

  // Xena (Sales) cannot open it by URL.
  const refused = await xenaPage.goto(conversationPath);
  expect(refused?.status()).toBe(404);

  // Vic (Viewer) reads it, with no way to write.
  const viewed = await vicPage.goto(conversationPath);
  expect(viewed?.status()).toBe(200);
  await expect(vicPage.getByRole("log", { name: "Messages" }).getByText(reply)).toBeVisible();
  await expect(vicPage.getByText("You have read-only access.")).toBeVisible();
  await expect(vicPage.getByRole("textbox", { name: "Reply" })).toHaveCount(0);
  await expect(vicPage.getByRole("button", { name: "Close" })).toHaveCount(0);

  // Search finds it by a word of the message.
  await samPage.goto(`/${slug}/inbox?view=all`);
  await samPage.getByRole("searchbox", { name: "Search conversations" }).fill(word);
  await expect(list.getByRole("link", { name: /^Casey Customer/ })).toBeVisible();
  await samPage.getByRole("searchbox", { name: "Search conversations" }).fill(`${word}nothing`);
  await expect(list.getByRole("link", { name: /^Casey Customer/ })).toHaveCount(0);

  // Export downloads a file with both messages.
  await samPage.goto(conversationPath);
  await samPage.getByRole("button", { name: "More", exact: true }).click();
  const [download] = await Promise.all([
    samPage.waitForEvent("download"),
    samPage.getByRole("menuitem", { name: "Export as JSON" }).click(),
  ]);
  const file = await download.path();
  const exported = JSON.parse(readFileSync(file, "utf8")) as { messages: { body: string }[] };
  expect(exported.messages.map((m) => m.body)).toEqual([question, reply]);
});
