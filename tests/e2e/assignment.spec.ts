import { type Browser, expect, type Page, test } from "@playwright/test";
import {
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
 * Assignment in the inbox, end to end: a claim race between two signed-in members, a team with
 * balanced routing, and the queue that drains the moment a member comes online. One workspace
 * (Dana, Admin; Sam and Xena, Agents) serves the three tests in order.
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

const join = (browser: Browser, person: Person) =>
  joinByInvitation(browser, { admin, person, slug });

const customerWrites = (name: string, body: string) =>
  widgetCustomerWrites(admin, { slug, publicId, name, body });

/** Which toast a claimer saw: "Assigned to you" or "<winner> took this one." */
async function claimOutcome(page: Page): Promise<{ won: boolean; text: string }> {
  const won = page.getByText("Assigned to you", { exact: true });
  const lost = page.getByText(/took this one\.$/);
  await expect(won.or(lost).first()).toBeVisible();
  if (await won.isVisible()) return { won: true, text: "Assigned to you" };
  return { won: false, text: (await lost.first().textContent()) ?? "" };
}

test.beforeAll(async ({ browser }) => {
  admin = await (await browser.newContext()).newPage();
  slug = await signUpWithWorkspace(admin, dana, "Assign Co");
  await inviteMembers(admin, { slug, people: [sam, xena], role: "agent" });
  samPage = await join(browser, sam);
  xenaPage = await join(browser, xena);

  await admin.goto(`/${slug}/settings/channels`);
  const href = await admin.getByRole("link", { name: "Open the widget" }).getAttribute("href");
  publicId = href ? (new URL(href).pathname.split("/").at(-1) ?? "") : "";
  expect(publicId).not.toBe("");
});

test("two members claim the same conversation at once: one wins, the other is told who", async () => {
  const path = await customerWrites("Casey Race", "Is anyone there?");

  // Dana uses the header's button; Sam the list row's (shown on hover), from the Unassigned view.
  await admin.goto(path);
  await samPage.goto(`${path}?view=unassigned`);
  const danaClaim = admin.getByRole("button", { name: "Assign to me", exact: true });
  const samRow = samPage
    .getByRole("list", { name: "Conversations" })
    .getByRole("listitem")
    .filter({ has: samPage.getByRole("link", { name: /^Casey Race/ }) });
  const samClaim = samRow.getByRole("button", { name: /^Assign to me/ });
  await expect(danaClaim).toBeVisible();
  await samRow.hover();
  await expect(samClaim).toBeVisible();

  await Promise.all([danaClaim.click(), samClaim.click()]);

  const outcomes = await Promise.all([claimOutcome(admin), claimOutcome(samPage)]);
  expect(outcomes.filter((outcome) => outcome.won)).toHaveLength(1);
  const [danaOutcome, samOutcome] = outcomes;
  const winner = danaOutcome?.won ? dana : sam;
  const loser = danaOutcome?.won ? samOutcome : danaOutcome;
  expect(loser?.text).toBe(`${winner.name} took this one.`);

  // Dana's page shows the winner at once. Sam's too when he won; when Dana won, the
  // conversation left the queue Sam could see, and his page says so.
  await expect(admin.getByText(`Assigned to ${winner.name}`).first()).toBeAttached();
  if (winner === sam) {
    await expect(samPage.getByText(`Assigned to ${sam.name}`).first()).toBeAttached();
  } else {
    await expect(samPage.getByText("This conversation is not available")).toBeVisible();
    // Live updates refresh the page: it stays inside the workspace, one click from the inbox.
    await samPage.reload();
    await expect(samPage.getByText("This conversation is not available")).toBeVisible();
    await samPage.getByRole("link", { name: "Back to inbox" }).click();
    await expect(samPage).toHaveURL(new RegExp(`/${slug}/inbox$`));
  }
  await expect(admin.getByRole("button", { name: "Assign to me", exact: true })).toHaveCount(0);
});

test("an admin assigns a team with balanced routing: the least-loaded online member gets it, and the drawer says why", async () => {
  // Support routes by balance; Sam and Xena are in it and online.
  await admin.goto(`/${slug}/settings/teams`);
  await admin.getByRole("button", { name: "New team" }).click();
  const dialog = admin.getByRole("dialog", { name: "New team" });
  await dialog.getByLabel("Name").fill("Support");
  await dialog.getByLabel("Routing").selectOption("balanced");
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expect(dialog).toBeHidden();
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

  // Sam carries more conversations than Xena (one more, or two if he won the race): Dana
  // gives him one through the picker.
  const loadPath = await customerWrites("Lee Load", "A question about invoices");
  await admin.goto(loadPath);
  await admin.getByRole("button", { name: "Assign user", exact: true }).click();
  const people = admin.getByRole("dialog", { name: "Assign user" });
  await people.getByRole("combobox", { name: "Search people" }).fill(sam.name.split(" ")[1] ?? "");
  await expect(people.getByRole("option")).toHaveCount(1);
  await expect(people.getByRole("option").first()).toContainText("Agent");
  await expect(people.getByRole("option").first()).toContainText(/\d+ open/);
  await admin.keyboard.press("Enter");
  await expect(admin.getByText(`Assigned to ${sam.name}`, { exact: true }).first()).toBeVisible();

  // Dana hands a new conversation to the team.
  const teamPath = await customerWrites("Casey Team", "Can someone from support help?");
  await admin.goto(teamPath);
  await admin.getByRole("button", { name: "Assign team", exact: true }).click();
  const teams = admin.getByRole("dialog", { name: "Assign team" });
  await expect(teams.getByRole("option", { name: /^Support/ })).toContainText("Balanced");
  await teams.getByRole("option", { name: /^Support/ }).click();
  await expect(admin.getByText(`Team Support: routed to ${xena.name}`)).toBeVisible();

  const details = await openDetails(admin);
  await details.getByText(`Why ${xena.name}?`).click();
  await expect(details.getByText(/Balanced routing in team Support chose/)).toContainText(
    `${xena.name}, who had 0 open conversations — the fewest among 2 eligible members.`,
  );
  await expect(details.getByText(/Also eligible:/)).toContainText(
    new RegExp(`${sam.name} \\([12] open\\)`),
  );
  await expect(details.getByText(/Routed to .* in team Support/)).toBeVisible();
});

test("a waiting conversation goes to a member the moment they come online", async () => {
  // New web chats start with Support; nobody in it is online.
  await setStatus(samPage, "Away");
  await setStatus(xenaPage, "Offline");
  await admin.goto(`/${slug}/settings/channels`);
  await admin.getByLabel("Team for new chats").selectOption({ label: "Support" });
  await admin.getByRole("button", { name: "Save web chat settings" }).click();
  await expect(admin.getByText(/saved/i).first()).toBeVisible();

  const path = await customerWrites("Casey Queue", "Hello? Still waiting here.");
  await admin.goto(path);
  const details = await openDetails(admin);
  await expect(details.getByText("Waiting for an available member", { exact: true })).toBeVisible();
  await details.getByText("Why is it waiting?").click();
  await expect(details.getByText(/found nobody eligible/)).toBeVisible();
  await expect(details.getByText(/Passed over:/)).toContainText(`${sam.name} (away)`);
  await details.getByRole("button", { name: "Close details" }).click();

  // Xena comes online, and nothing else happens: Dana's open inbox shows her as the owner.
  await setStatus(xenaPage, "Online");
  await expect(xenaPage.getByText("1 waiting conversation assigned to you.")).toBeVisible();
  await expect(
    admin
      .getByRole("list", { name: "Conversations" })
      .getByRole("link", { name: new RegExp(`^Casey Queue.*assigned to ${xena.name}`) }),
  ).toBeVisible({ timeout: 15_000 });
  await expect(admin.getByText(`Assigned to ${xena.name}`).first()).toBeAttached();
});
