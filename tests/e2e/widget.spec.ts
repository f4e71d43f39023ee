import { expect, type Page, test } from "@playwright/test";
import { newPerson, signUpWithWorkspace } from "./support/app";

/** Settings → Channels: the snippet and the public id from the widget's own URL. */
async function openChannels(page: Page, slug: string): Promise<string> {
  await page
    .getByRole("navigation", { name: "Workspace" })
    .getByRole("link", { name: "Settings" })
    .click();
  await page
    .getByRole("navigation", { name: "Settings" })
    .getByRole("link", { name: "Channels" })
    .click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings/channels$`));
  await expect(page.getByRole("heading", { name: "Web chat", exact: true })).toBeVisible();
  await expect(
    page.getByText(/<script src="http[^"]+\/widget\.js" data-workspace="/),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy snippet" })).toBeVisible();
  const href = await page.getByRole("link", { name: "Open the widget" }).getAttribute("href");
  const publicId = href ? new URL(href).pathname.split("/").at(-1) : undefined;
  if (!publicId) throw new Error(`no public id in the widget URL ${href}`);
  return publicId;
}

test("a customer chats from a website and the team sees it in the inbox", async ({
  page,
  browser,
}) => {
  const admin = newPerson("Wren");
  const slug = await signUpWithWorkspace(page, admin, "Widget Co");
  const publicId = await openChannels(page, slug);
  await expect(page.getByText(publicId).first()).toBeVisible();
  // Other sites may frame the widget's page, and nothing else of the app.
  const signIn = await page.request.get("/sign-in");
  expect(signIn.headers()["content-security-policy"]).toBe("frame-ancestors 'none'");
  expect(signIn.headers()["x-frame-options"]).toBe("DENY");
  const widgetPage = await page.request.get(`/widget/${publicId}`);
  expect(widgetPage.status()).toBe(200);
  expect(widgetPage.headers()["content-security-policy"]).toBeUndefined();
  expect(widgetPage.headers()["x-frame-options"]).toBeUndefined();

  // The customer, in a browser of their own, on the customer's website.
  const customerContext = await browser.newContext();
  const site = await customerContext.newPage();
  await site.goto(`/widget-demo.html?workspace=${publicId}`);
  await site.getByRole("button", { name: "Chat with us" }).click();
  const chat = site.frameLocator('iframe[title="Chat"]');
  await expect(chat.getByRole("heading", { name: "Widget Co" })).toBeVisible();
  await expect(chat.getByText("Hi! How can we help?")).toBeVisible();

  const question = `Where is my order ${Date.now()}?`;
  await chat.getByLabel("Your name").fill("Casey Customer");
  await chat.getByLabel("Message").fill(question);
  await chat.getByRole("button", { name: "Send" }).click();
  const conversation = chat.getByRole("log", { name: "Conversation" });
  await expect(conversation.getByText(question)).toBeVisible();
  await expect(chat.getByLabel("Message")).toHaveValue("");

  // The team sees it in the inbox (no realtime yet: reload until it shows).
  await page.goto(`/${slug}/inbox`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(question).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });

  // A returning visitor: reload the website, reopen the chat, the conversation is still there.
  await site.reload();
  await site.getByRole("button", { name: "Chat with us" }).click();
  const reopened = site.frameLocator('iframe[title="Chat"]');
  await expect(
    reopened.getByRole("log", { name: "Conversation" }).getByText(question),
  ).toBeVisible();
  // Details are only asked before the first message.
  await expect(reopened.getByLabel("Your name")).toHaveCount(0);

  await customerContext.close();
});
