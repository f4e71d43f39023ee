import { readFileSync } from "node:fs";
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
 * Reports, end to end: Dana (Admin) and Riley (Agent, in Support) each handle a web chat; Dana
 * opens Reports, switches range and team, sees the charts and downloads the members' CSV;
 * Riley sees only his own figures; Vic (Viewer) is refused. One workspace serves the tests in
 * order. REPORTS_SCREENSHOTS=<dir> also saves the page at 1280 and 390 px, light and dark.
 */

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

const dana = newPerson("Dana");
const riley = newPerson("Riley");
const vic = newPerson("Vic");
let slug = "";
let admin: Page;
let rileyPage: Page;

const invite = (person: Person, role: "agent" | "viewer") =>
  inviteMembers(admin, { slug, people: [person], role });

/** Claims the conversation, answers it and, when asked, closes it. */
async function handle(page: Page, path: string, { close }: { close: boolean }) {
  await page.goto(path);
  await page.getByRole("button", { name: "Assign to me", exact: true }).click();
  await expect(page.getByText("Assigned to you", { exact: true })).toBeVisible();
  await page.getByRole("textbox", { name: "Reply" }).fill("Happy to help!");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(
    page.getByRole("log", { name: "Messages" }).getByText("Happy to help!"),
  ).toBeVisible();
  if (close) {
    await page.getByRole("button", { name: "Close", exact: true }).click();
    await expect(page.getByRole("button", { name: "Reopen", exact: true })).toBeVisible();
  }
}

const membersTable = (page: Page, name = "Figures per member") =>
  page.getByRole("region", { name, exact: true });

/** A member's cells after the name: Assigned, Closed, Open now, Messages sent, … */
const rowOf = (page: Page, name: string, table = "Figures per member") =>
  membersTable(page, table).getByRole("row").filter({ hasText: name });

async function downloadCsv(page: Page, what: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: `Download CSV of ${what}` }).click(),
  ]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), "utf8") };
}

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  admin = await (await browser.newContext()).newPage();
  slug = await signUpWithWorkspace(admin, dana, "Reports Co");
  await invite(riley, "agent");
  rileyPage = await joinByInvitation(browser, { admin, person: riley, slug });

  // Support holds Riley only, so filtering by it leaves Dana out.
  await admin.goto(`/${slug}/settings/teams`);
  await admin.getByRole("button", { name: "New team" }).click();
  const dialog = admin.getByRole("dialog", { name: "New team" });
  await dialog.getByLabel("Name").fill("Support");
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expect(dialog).toBeHidden();
  const card = admin.getByRole("region", { name: "Support", exact: true });
  await card.getByRole("button", { name: "Add member" }).click();
  await admin.getByRole("menuitem", { name: new RegExp(riley.name) }).click();
  await expect(
    card.getByRole("button", { name: `Remove ${riley.name} from Support` }),
  ).toBeVisible();

  await admin.goto(`/${slug}/settings/channels`);
  const href = await admin.getByRole("link", { name: "Open the widget" }).getAttribute("href");
  const publicId = href ? (new URL(href).pathname.split("/").at(-1) ?? "") : "";
  expect(publicId).not.toBe("");

  // Dana answers and closes one chat; Riley answers another (for Support) and keeps it open.
  const first = await widgetCustomerWrites(admin, {
    slug,
    publicId,
    name: "Casey Report",
    body: "Where is my order?",
  });
  await handle(admin, first, { close: true });
  // New chats go to Support from here on: Riley's carries the team the filter looks for.
  await admin.goto(`/${slug}/settings/channels`);
  await admin.getByLabel("Team for new chats").selectOption({ label: "Support" });
  await admin.getByRole("button", { name: "Save web chat settings" }).click();
  await expect(admin.getByText(/saved/i).first()).toBeVisible();
  const second = await widgetCustomerWrites(admin, {
    slug,
    publicId,
    name: "Jordan Report",
    body: "Can I change my plan?",
  });
  await handle(rileyPage, second, { close: false });

  // Capacities for the open-load chart's marks: Riley is at his, Dana well under hers.
  await admin.goto(`/${slug}/settings/members`);
  for (const [person, capacity] of [
    [riley, "1"],
    [dana, "3"],
  ] as const) {
    await admin.getByLabel(`Capacity of ${person.name}`).fill(capacity);
    await admin.getByLabel(`Capacity of ${person.name}`).press("Enter");
    await expect(admin.getByText(`Capacity of ${person.name}: ${capacity}.`)).toBeVisible();
  }
});

test("an Admin reads everyone's figures, filters by range and team, and downloads the CSV", async () => {
  await admin.goto(`/${slug}/inbox`);
  await admin
    .getByRole("navigation", { name: "Workspace" })
    .getByRole("link", { name: "Reports" })
    .click();
  await expect(admin).toHaveURL(new RegExp(`/${slug}/reports$`));
  await expect(admin.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
  await expect(admin.getByRole("radio", { name: "Last 30 days" })).toBeChecked();
  await expect(admin.getByText(/^Days in /)).toBeVisible();

  // Both members, with what each did: Dana assigned 1, closed 1, open 0, sent 1; Riley 1, 0, 1, 1.
  await expect(rowOf(admin, dana.name).getByRole("cell").nth(0)).toHaveText("1");
  await expect(rowOf(admin, dana.name).getByRole("cell").nth(1)).toHaveText("1");
  await expect(rowOf(admin, dana.name).getByRole("cell").nth(2)).toHaveText("0");
  await expect(rowOf(admin, dana.name).getByRole("cell").nth(3)).toHaveText("1");
  await expect(rowOf(admin, riley.name).getByRole("cell").nth(1)).toHaveText("0");
  await expect(rowOf(admin, riley.name).getByRole("cell").nth(2)).toHaveText("1");
  await expect(rowOf(admin, riley.name).getByRole("cell").nth(8)).toHaveText("50%");

  // Sorting by a header: aria-sort says which way.
  const memberHeader = membersTable(admin).getByRole("columnheader", { name: "Member" });
  await memberHeader.getByRole("button").click();
  await expect(memberHeader).toHaveAttribute("aria-sort", "ascending");
  await memberHeader.getByRole("button").click();
  await expect(memberHeader).toHaveAttribute("aria-sort", "descending");

  // The charts render (Recharts' SVGs), each with its table behind a disclosure.
  await expect(admin.locator("figure .recharts-wrapper")).toHaveCount(3, { timeout: 15_000 });
  await expect(
    admin.getByRole("img", { name: /^Customer messages by weekday and hour/ }),
  ).toBeVisible();
  await admin
    .getByRole("region", { name: "Open load now" })
    .getByText("Show data as table")
    .click();
  const load = admin.getByRole("region", { name: "Open load now" });
  await expect(load.getByRole("row", { name: riley.name })).toHaveText(`${riley.name}11`);
  await expect(load.getByRole("row", { name: dana.name })).toHaveText(`${dana.name}03`);
  await expect(load.locator(".capacity-marks line")).toHaveCount(2);
  await expect(admin.getByRole("heading", { name: "Fairness" })).toBeVisible();
  await expect(admin.getByText(/^Fair: /)).toBeVisible();
  await expect(admin.getByRole("heading", { name: "AI agents" })).toBeVisible();

  // Range: by keyboard from Today to the last 7 days, then a custom range checked before use.
  await admin.getByText("Today", { exact: true }).click();
  await expect(admin).toHaveURL(/\?range=today$/);
  await expect(admin.getByRole("radio", { name: "Today" })).toBeChecked();
  await admin.getByRole("radio", { name: "Today" }).press("ArrowRight");
  await expect(admin).toHaveURL(/\?range=7d$/);
  await expect(rowOf(admin, dana.name).getByRole("cell").nth(0)).toHaveText("1");
  await admin.getByText("Custom", { exact: true }).click();
  const today = new Date().toISOString().slice(0, 10);
  await admin.getByLabel("First day").fill(today);
  await admin.getByLabel("Last day").fill("2020-01-01");
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(
    admin.getByRole("alert").filter({ hasText: "The last day comes before the first." }),
  ).toBeVisible();
  await admin.getByLabel("Last day").fill(today);
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(admin).toHaveURL(new RegExp(`\\?range=custom&from=${today}&to=${today}$`));
  await expect(rowOf(admin, riley.name).getByRole("cell").nth(0)).toHaveText("1");

  // A range the page cannot use says so and falls back to the last 30 days.
  await admin.goto(`/${slug}/reports?range=custom&from=2026-02-30&to=2026-03-01`);
  await expect(
    admin.getByRole("alert").filter({ hasText: "That date does not exist." }),
  ).toBeVisible();
  await expect(admin.getByRole("radio", { name: "Last 30 days" })).toBeChecked();

  // Team: Support's conversation and members, so Riley alone.
  await admin.goto(`/${slug}/reports`);
  // While the page hydrates a second filter bar may briefly exist: act on the settled one.
  await expect(admin.getByLabel("Team")).toHaveCount(1);
  await admin.getByLabel("Team").selectOption({ label: "Support" });
  await expect(admin).toHaveURL(/\?team=[0-9a-f-]{36}$/);
  await expect(rowOf(admin, riley.name)).toHaveCount(1);
  await expect(rowOf(admin, dana.name)).toHaveCount(0);
  await expect(admin.getByLabel("Team")).toHaveCount(1);
  await admin.getByLabel("Team").selectOption({ label: "All teams" });
  await expect(admin).toHaveURL(new RegExp(`/${slug}/reports$`));
  await expect(rowOf(admin, dana.name)).toHaveCount(1);

  // The members' CSV, with the page's filters.
  const csv = await downloadCsv(admin, "members");
  expect(csv.name).toMatch(/^report-members-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  // A byte-order mark first, so Excel reads the file as UTF-8.
  expect(csv.text.startsWith("\uFEFF")).toBe(true);
  const [header, ...lines] = csv.text.slice(1).trimEnd().split("\r\n");
  expect(header).toBe(
    "member_id,name,role,removed,assigned,closed,open_now,messages_sent,first_response_median_s,first_response_median,first_response_p90_s,first_response_p90,unanswered,resolution_median_s,resolution_median,reassigned_away,load_share",
  );
  const danaLine = lines.find((line) => line.includes(dana.name))?.split(",");
  expect(danaLine?.slice(2, 8)).toEqual(["admin", "false", "1", "1", "0", "1"]);
  expect(lines).toHaveLength(2);
});

test("an Agent sees only their own figures", async () => {
  await rileyPage.goto(`/${slug}/reports`);
  await expect(rileyPage.getByRole("heading", { name: "Your figures", level: 2 })).toBeVisible();
  const table = membersTable(rileyPage, "Your figures in this range");
  await expect(table.getByRole("row")).toHaveCount(2); // the header and Riley
  await expect(rowOf(rileyPage, riley.name, "Your figures in this range")).toHaveCount(1);
  await expect(table.getByText(dana.name)).toHaveCount(0);
  await expect(rileyPage.getByRole("heading", { name: "AI agents" })).toHaveCount(0);
  await expect(rileyPage.getByRole("heading", { name: "Fairness" })).toHaveCount(0);
  await expect(rileyPage.locator("figure .recharts-wrapper")).toHaveCount(3, {
    timeout: 15_000,
  });
  const csv = await downloadCsv(rileyPage, "your figures");
  const lines = csv.text.trimEnd().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(riley.name);
});

test("a Viewer has no Reports", async ({ browser }) => {
  await invite(vic, "viewer");
  const vicPage = await joinByInvitation(browser, { admin, person: vic, slug });
  await expect(
    vicPage.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Reports" }),
  ).toHaveCount(0);
  const response = await vicPage.goto(`/${slug}/reports`);
  expect(response?.status()).toBe(403);
  await expect(
    vicPage.getByRole("heading", { name: "You do not have access to this page" }),
  ).toBeVisible();
});

test("the page at 1280 and 390 px, light and dark", async ({ browser }) => {
  const dir = process.env.REPORTS_SCREENSHOTS;
  test.skip(!dir, "set REPORTS_SCREENSHOTS=<dir> to save the screenshots");
  const storageState = await admin.context().storageState();
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({
        storageState,
        colorScheme,
        reducedMotion: "reduce",
        viewport: { width, height: 900 },
      });
      const page = await context.newPage();
      await page.goto(`/${slug}/reports`);
      await expect(page.locator("figure .recharts-wrapper")).toHaveCount(3, { timeout: 15_000 });
      const name = `${dir}/reports-${width}-${colorScheme}`;
      await page.screenshot({ path: `${name}.png`, fullPage: true });
      // The whole page, a screen at a time, to read at full size.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let top = 0, part = 1; top < height; top += 900, part++) {
        await page.screenshot({
          path: `${name}-part${part}.png`,
          fullPage: true,
          clip: { x: 0, y: top, width, height: Math.min(900, height - top) },
        });
      }
      await context.close();
    }
  }
  // An Agent's own page.
  await rileyPage.setViewportSize({ width: 1280, height: 900 });
  await rileyPage.goto(`/${slug}/reports`);
  await expect(rileyPage.locator("figure .recharts-wrapper")).toHaveCount(3, { timeout: 15_000 });
  await rileyPage.screenshot({ path: `${dir}/reports-agent-1280-light.png`, fullPage: true });
});
