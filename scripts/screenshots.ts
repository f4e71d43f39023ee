// npx tsx scripts/screenshots.ts [baseURL] — screenshots of the main pages at desktop and
// phone width, light and dark, into screenshots/ (not committed). Needs a running app.
import { mkdirSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../tests/support/chromium";

const baseURL = process.argv[2] ?? "http://localhost:3100";
const out = "screenshots";
const id = Date.now().toString(36);
const person = {
  name: "Dana Whitfield",
  email: `dana-${id}@example.test`,
  password: "a-long-enough-password",
};

async function signUp(page: Page): Promise<string> {
  await page.goto(`${baseURL}/sign-up`);
  await page.getByLabel("Name").fill(person.name);
  await page.getByLabel("Work email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/workspaces\/new$/);
  await page.getByLabel("Workspace name").fill(`Acme ${id}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL(/\/inbox$/);
  return new URL(page.url()).pathname.split("/")[1] ?? "";
}

/** The conversation's assignment controls: the Assign user picker, and the drawer's "Why …?". */
async function shootAssignment(
  page: Page,
  { inboxPath, base, suffix }: { inboxPath: string; base: string; suffix: string },
) {
  await page.getByRole("button", { name: "Assign user", exact: true }).click();
  await page.getByRole("dialog", { name: "Assign user" }).getByRole("option").first().waitFor();
  await page.screenshot({ path: `${base}-picker.${suffix}.png` });
  await page.keyboard.press("Escape");
  const details = page.getByRole("complementary", { name: "Conversation details" });
  if (!(await details.isVisible())) {
    await page.getByRole("button", { name: "Details", exact: true }).click();
  }
  await page.getByText(/^Why .+\?$/).click();
  await page.getByText(/^Balanced routing in /).waitFor();
  await page.screenshot({ path: `${base}-why.${suffix}.png` });
  // "Assign to me" on an unassigned row, shown on hover.
  await page.goto(`${baseURL}${inboxPath}?view=unassigned`);
  const row = page.getByRole("list", { name: "Conversations" }).getByRole("listitem").first();
  await row.hover();
  await row.getByRole("button", { name: /^Assign to me/ }).waitFor();
  await page.screenshot({ path: `${base}-claim.${suffix}.png` });
  // An unassigned conversation: "Assign to me" in the header.
  await row.getByRole("link").click();
  await page.getByRole("button", { name: "Assign to me", exact: true }).waitFor();
  await page.screenshot({ path: `${base}-unassigned.${suffix}.png` });
}

async function main() {
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch(chromiumLaunchOptions);
  const setup = await browser.newPage();
  const slug = await signUp(setup);
  await setup.goto(`${baseURL}/${slug}/settings/members`);
  await setup.getByRole("button", { name: "Invite members" }).click();
  await setup
    .getByLabel("Email addresses")
    .fill(`sam-${id}@example.test, priya-${id}@example.test`);
  await setup.getByRole("button", { name: "Send invitations" }).click();
  await setup.getByRole("dialog").waitFor({ state: "hidden" });
  await setup.goto(`${baseURL}/${slug}/settings/teams`);
  await setup.getByRole("button", { name: "New team" }).click();
  await setup.getByRole("dialog").getByLabel("Name").fill("Support");
  await setup.getByRole("dialog").getByLabel("Routing").selectOption("balanced");
  await setup.getByRole("dialog").getByRole("button", { name: "Create team" }).click();
  await setup.getByRole("dialog").waitFor({ state: "hidden" });
  // Dana joins Support and goes online, so routing has someone to choose and explain.
  const team = setup.getByRole("region", { name: "Support", exact: true });
  await team.getByRole("button", { name: "Add member" }).click();
  await setup.getByRole("menuitem", { name: new RegExp(person.name) }).click();
  await team.getByRole("button", { name: `Remove ${person.name} from Support` }).waitFor();
  await setup.getByRole("button", { name: /^Account:/ }).click();
  await setup.getByRole("menuitemradio", { name: "Online" }).click();
  await setup.getByRole("button", { name: /^Account: .*Online/ }).waitFor();
  // A few customers write through the widget, so the inbox has something to show.
  await setup.goto(`${baseURL}/${slug}/settings/channels`);
  const widgetHref = await setup
    .getByRole("link", { name: "Open the widget" })
    .getAttribute("href");
  const publicId = widgetHref?.split("/widget/")[1] ?? "";
  const customers = [
    ["Lena Fischer", "Hi! My order #4411 hasn't shipped yet. Can you check?"],
    ["Marco Rossi", "The app logs me out every few minutes on my Pixel 8."],
    ["Aisha Bello", "Do you offer discounts for 20 seats? We are a nonprofit."],
  ];
  for (const [name, body] of customers) {
    const session = await setup.request.post(`${baseURL}/api/widget/${publicId}/session`, {
      data: {},
    });
    const { token } = (await session.json()) as { token: string };
    await setup.request.post(`${baseURL}/api/widget/${publicId}/messages`, {
      headers: { authorization: `Bearer ${token}` },
      data: { body, name },
    });
  }
  await setup.goto(`${baseURL}/${slug}/inbox`);
  await setup.getByRole("list", { name: "Conversations" }).getByRole("link").first().click();
  await setup.waitForURL(/\/inbox\/[0-9a-f-]{36}/);
  const conversationPath = new URL(setup.url()).pathname;
  await setup
    .getByRole("textbox", { name: "Reply" })
    .fill("Thanks for writing! I am checking your order now.");
  await setup.getByRole("button", { name: "Send" }).click();
  await setup
    .getByRole("log", { name: "Messages" })
    .getByText("I am checking your order now.")
    .waitFor();
  // Handing it to Support routes it by balance: the drawer can then say "Why Dana?".
  await setup.getByRole("button", { name: "Assign team", exact: true }).click();
  await setup.getByRole("dialog", { name: "Assign team" }).getByRole("option").first().click();
  await setup.getByText(/Team Support: routed to/).waitFor();
  const state = await setup.context().storageState();
  await setup.close();

  const publicPages = [
    "/",
    "/sign-in",
    "/sign-up",
    `/check-email?email=${person.email}`,
    "/dev/mailbox",
    "/no-such-page",
  ];
  const appPages = [
    `/${slug}/inbox`,
    conversationPath,
    `/${slug}/settings/channels`,
    `/${slug}/settings/api-keys`,
    `/${slug}/settings`,
    `/${slug}/settings/members`,
    `/${slug}/settings/teams`,
    `/${slug}/settings/routing`,
    `/${slug}/settings/plan`,
    `/${slug}/settings/activity`,
    `/${slug}/reports`,
    "/workspaces/new",
  ];
  const sizes = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
  for (const [sizeName, viewport] of Object.entries(sizes)) {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const [pages, storageState] of [
        [publicPages, undefined],
        [appPages, state],
      ] as const) {
        // Phones have touch screens: what shows only on hover elsewhere must show there.
        const hasTouch = sizeName === "phone";
        const context = await browser.newContext({ viewport, colorScheme, storageState, hasTouch });
        const page = await context.newPage();
        for (const path of pages) {
          await page.goto(`${baseURL}${path}`);
          await page.waitForLoadState("networkidle");
          const name =
            path
              .replace(slug, "ws")
              .replace(/[^a-z0-9]+/gi, "-")
              .replace(/^-|-$/g, "") || "home";
          await page.screenshot({
            path: `${out}/${name}.${sizeName}.${colorScheme}.png`,
            fullPage: true,
          });
          if (path === conversationPath) {
            await shootAssignment(page, {
              inboxPath: `/${slug}/inbox`,
              base: `${out}/${name}`,
              suffix: `${sizeName}.${colorScheme}`,
            });
          }
        }
        await context.close();
      }
    }
  }
  await browser.close();
  console.log(`screenshots in ${out}/`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
