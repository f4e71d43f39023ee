// npx tsx scripts/screenshots-availability.ts [baseURL] — Settings → Routing, Members and the
// open account menu with members in every state, at desktop and phone width, light and dark,
// into screenshots/ (not committed). Needs a running app with the dev mailbox.
import { mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../tests/support/chromium";

const baseURL = process.argv[2] ?? "http://localhost:3100";
const out = "screenshots";
const id = Date.now().toString(36);
const password = "a-long-enough-password";
const workspaceName = `Acme ${id}`;

async function invitationPath(page: Page, email: string): Promise<string> {
  await page.goto(`${baseURL}/dev/mailbox`);
  const href = await page
    .getByRole("article")
    .filter({ hasText: email })
    .first()
    .getByRole("link")
    .filter({ hasText: "/invite/" })
    .first()
    .getAttribute("href");
  if (!href) throw new Error(`no invitation for ${email}`);
  return new URL(href).pathname;
}

async function setStatus(page: Page, status: "Online" | "Away" | "Offline") {
  await page.getByRole("button", { name: /^Account:/ }).click();
  await page.getByRole("menuitemradio", { name: status }).click();
  await page.getByRole("button", { name: new RegExp(`^Account:.*${status}`) }).waitFor();
}

async function join(browser: Browser, admin: Page, person: { name: string; email: string }) {
  const path = await invitationPath(admin, person.email);
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseURL}${path}`);
  await page.getByLabel("Name").fill(person.name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("button", { name: `Join ${workspaceName}` }).click();
  await page.waitForURL(/\/inbox$/);
  return page;
}

async function main() {
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch(chromiumLaunchOptions);
  const admin = await (await browser.newContext()).newPage();
  await admin.goto(`${baseURL}/sign-up`);
  await admin.getByLabel("Name").fill("Dana Whitfield");
  await admin.getByLabel("Work email").fill(`dana-${id}@example.test`);
  await admin.getByLabel("Password").fill(password);
  await admin.getByRole("button", { name: "Create account" }).click();
  await admin.waitForURL(/\/workspaces\/new$/);
  await admin.getByLabel("Workspace name").fill(workspaceName);
  await admin.getByRole("button", { name: "Create workspace" }).click();
  await admin.waitForURL(/\/inbox$/);
  const slug = new URL(admin.url()).pathname.split("/")[1] ?? "";
  // Starter has three seats: Dana and the two Agents.
  const people = [
    { name: "Sam Okafor", email: `sam-${id}@example.test` },
    { name: "Priya Raman", email: `priya-${id}@example.test` },
  ];
  await admin.goto(`${baseURL}/${slug}/settings/members`);
  await admin.getByRole("button", { name: "Invite members" }).click();
  await admin.getByLabel("Email addresses").fill(people.map((p) => p.email).join(", "));
  await admin.getByLabel("Role", { exact: true }).selectOption("agent");
  await admin.getByRole("button", { name: "Send invitations" }).click();
  await admin.getByRole("dialog").waitFor({ state: "hidden" });
  const sam = await join(browser, admin, people[0] ?? { name: "", email: "" });
  const priya = await join(browser, admin, people[1] ?? { name: "", email: "" });
  await setStatus(sam, "Online");
  await setStatus(priya, "Away");

  await admin.goto(`${baseURL}/${slug}/settings/teams`);
  await admin.getByRole("button", { name: "New team" }).click();
  await admin.getByRole("dialog").getByLabel("Name").fill("Support");
  await admin.getByRole("dialog").getByRole("button", { name: "Create team" }).click();
  await admin.getByRole("dialog").waitFor({ state: "hidden" });
  await admin.getByLabel("Routing").first().selectOption("round_robin");
  await admin.getByText("Routing for Support: Round robin.").waitFor();

  await admin.goto(`${baseURL}/${slug}/settings/routing`);
  await admin.getByRole("radio", { name: /^Balanced/ }).check();
  await admin.getByText("Balanced routing is on.").waitFor();

  await admin.goto(`${baseURL}/${slug}/settings/channels`);
  const href = await admin.getByRole("link", { name: "Open the widget" }).getAttribute("href");
  const publicId = href?.split("/widget/")[1] ?? "";
  const customers = [
    ["Lena Fischer", "Hi! My order #4411 hasn't shipped yet. Can you check?"],
    ["Marco Rossi", "The app logs me out every few minutes on my Pixel 8."],
    ["Aisha Bello", "Do you offer discounts for 20 seats? We are a nonprofit."],
    ["Tom Becker", "Can I change the billing email?"],
  ];
  for (const [name, body] of customers) {
    const session = await admin.request.post(`${baseURL}/api/widget/${publicId}/session`, {
      data: {},
    });
    const { token } = (await session.json()) as { token: string };
    await admin.request.post(`${baseURL}/api/widget/${publicId}/messages`, {
      headers: { authorization: `Bearer ${token}` },
      data: { body, name },
    });
  }
  await admin.goto(`${baseURL}/${slug}/settings/members`);
  const samCapacity = admin.getByLabel("Capacity of Sam Okafor");
  await samCapacity.fill("1");
  await samCapacity.press("Enter");
  await admin.getByText("Capacity of Sam Okafor: 1.").waitFor();
  const state = await admin.context().storageState();

  const sizes = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
  for (const [sizeName, viewport] of Object.entries(sizes)) {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ viewport, colorScheme, storageState: state });
      const page = await context.newPage();
      for (const path of ["settings/routing", "settings/members"]) {
        await page.goto(`${baseURL}/${slug}/${path}`);
        await page.waitForLoadState("networkidle");
        await page.screenshot({
          path: `${out}/${path.replace("/", "-")}.${sizeName}.${colorScheme}.png`,
          fullPage: true,
        });
      }
      // The capacity field refusing bad input.
      await page.goto(`${baseURL}/${slug}/settings/members`);
      await page.getByLabel("Capacity of Dana Whitfield").fill("0");
      await page.getByLabel("Capacity of Dana Whitfield").press("Enter");
      await page.screenshot({
        path: `${out}/settings-members-error.${sizeName}.${colorScheme}.png`,
        fullPage: true,
      });
      await page.goto(`${baseURL}/${slug}/inbox`);
      await page.waitForLoadState("networkidle");
      if (sizeName === "phone") await page.getByRole("button", { name: "Open menu" }).click();
      await page.getByRole("button", { name: /^Account:/ }).click();
      await page.getByRole("menu").waitFor();
      await page.screenshot({ path: `${out}/user-menu.${sizeName}.${colorScheme}.png` });
      await context.close();
    }
  }
  await browser.close();
  console.log(`screenshots in ${out}/`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
