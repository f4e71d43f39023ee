import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { inviteMembers, joinByInvitation, newPerson, signUpWithWorkspace } from "./support/app";

function csvFile(content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "agents-csv-")), "knowledge.csv");
  writeFileSync(file, content);
  return file;
}

test("an Admin creates an AI agent, teaches it by hand and by CSV, and deletes an entry", async ({
  page,
}) => {
  const avery = newPerson("Avery");
  const slug = await signUpWithWorkspace(page, avery, "Agents Co");

  await page
    .getByRole("navigation", { name: "Workspace" })
    .getByRole("link", { name: "Settings" })
    .click();
  await page
    .getByRole("navigation", { name: "Settings" })
    .getByRole("link", { name: "AI agents" })
    .click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings/agents$`));
  await expect(page.getByRole("heading", { name: "No AI agents yet" })).toBeVisible();

  // Create: name and avatar in the dialog, then the agent's own page.
  await page.getByRole("button", { name: "New agent" }).click();
  const dialog = page.getByRole("dialog", { name: "New agent" });
  await dialog.getByLabel("Name").fill("Ava");
  await dialog.getByRole("radio", { name: "Owl" }).check();
  await dialog.getByRole("button", { name: "Create agent" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings/agents/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { name: "Ava", level: 2 })).toBeVisible();
  const agentUrl = page.url();
  await expect(page.getByText("Hands off to Unassigned · 0 active sessions")).toBeVisible();

  // Settings: the initial message is required once switched on.
  await page.getByRole("switch", { name: "Send an initial message" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Write the initial message, or turn it off.")).toBeVisible();
  await page.getByLabel("Initial message", { exact: true }).fill("Hi! I'm Ava. How can I help?");
  await page.getByLabel("Instructions").fill("Answer briefly.");
  await expect(page.getByText("15 / 4,000")).toBeVisible();
  await page.getByLabel("Maximum session length").fill("8");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved Ava.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Initial message", { exact: true })).toHaveValue(
    "Hi! I'm Ava. How can I help?",
  );
  await expect(page.getByLabel("Maximum session length")).toHaveValue("8");

  // A Q&A by hand.
  const knowledge = page.getByRole("region", { name: "Knowledge" });
  await expect(knowledge.getByRole("heading", { name: "No knowledge yet" })).toBeVisible();
  await knowledge.getByRole("button", { name: "Add entry" }).click();
  const add = page.getByRole("dialog", { name: "Add knowledge" });
  await add.getByLabel("Question").fill("When do you open?");
  await add.getByLabel("Answer").fill("Every day at 9.");
  await add.getByRole("button", { name: "Add entry" }).click();
  await expect(add).toBeHidden();
  const entries = knowledge.getByRole("list", { name: "Knowledge entries" });
  await expect(entries.getByRole("heading", { name: "When do you open?" })).toBeVisible();

  // A CSV with a bad row imports nothing and names the row.
  await knowledge.getByRole("button", { name: "Import CSV" }).click();
  const importing = page.getByRole("dialog", { name: "Import knowledge from CSV" });
  await importing
    .getByLabel("CSV file")
    .setInputFiles(csvFile("question,answer\nFine?,Yes\nNo answer,\n"));
  await importing.getByRole("button", { name: "Import" }).click();
  await expect(importing.getByText("Row 3: Write the answer.")).toBeVisible();
  await expect(importing.getByLabel("CSV file")).toHaveAttribute("aria-invalid", "true");
  await importing.getByRole("button", { name: "Cancel" }).click();
  await expect(importing).toBeHidden();
  await expect(entries.getByRole("listitem")).toHaveCount(1);

  // A good one, with quoted commas, quotes and a line break.
  await knowledge.getByRole("button", { name: "Import CSV" }).click();
  await importing
    .getByLabel("CSV file")
    .setInputFiles(
      csvFile(
        'question,answer\n"Do you ship to Paris, Lyon?","Yes, in ""2 days"".\nTracked."\nCan I pay by card?,Yes.\n',
      ),
    );
  await importing.getByRole("button", { name: "Import" }).click();
  await expect(importing).toBeHidden();
  await expect(page.getByText("Imported 2 entries.")).toBeVisible();
  await expect(entries.getByRole("listitem")).toHaveCount(3);
  await expect(entries.getByRole("heading", { name: "Do you ship to Paris, Lyon?" })).toBeVisible();
  await expect(entries.getByText('Yes, in "2 days".')).toBeVisible();
  await expect(entries.getByText("Q&A", { exact: true })).toHaveCount(3);

  // Search by part of a word.
  await knowledge.getByRole("searchbox", { name: "Search knowledge" }).fill("pari");
  await knowledge.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\?q=pari$/);
  await expect(entries.getByRole("listitem")).toHaveCount(1);
  await knowledge.getByRole("link", { name: "Show all" }).click();
  await expect(entries.getByRole("listitem")).toHaveCount(3);

  // Delete one, after confirming.
  await entries.getByRole("button", { name: "Delete “Can I pay by card?”" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete this entry?" });
  await expect(confirm).toContainText("“Can I pay by card?” is removed");
  await confirm.getByRole("button", { name: "Delete entry" }).click();
  await expect(confirm).toBeHidden();
  await expect(entries.getByRole("listitem")).toHaveCount(2);
  await expect(entries.getByRole("heading", { name: "Can I pay by card?" })).toHaveCount(0);

  // The list shows the agent with its knowledge.
  await page.getByRole("link", { name: "AI agents" }).first().click();
  const agents = page.getByRole("list", { name: "AI agents" });
  await expect(agents.getByRole("link", { name: "Ava" })).toBeVisible();
  await expect(agents.getByText("2 knowledge entries")).toBeVisible();

  // Delete the agent: the dialog says what happens to its sessions.
  await agents.getByRole("link", { name: "Ava" }).click();
  await page.getByRole("button", { name: "Delete agent" }).click();
  const deleteAgent = page.getByRole("alertdialog", { name: "Delete Ava?" });
  await expect(deleteAgent).toContainText("a session started before you confirm ends too");
  await deleteAgent.getByRole("button", { name: "Delete agent" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings/agents$`));
  await expect(page.getByRole("heading", { name: "No AI agents yet" })).toBeVisible();
  // Its page is gone.
  const gone = await page.goto(agentUrl);
  expect(gone?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page isn't on the board" })).toBeVisible();
});

test("an Agent sees no AI agents link and gets the forbidden page at its address", async ({
  page,
  browser,
}) => {
  const admin = newPerson("Ada");
  const slug = await signUpWithWorkspace(page, admin, "Roles Co");
  const gus = newPerson("Gus");
  await inviteMembers(page, { slug, people: [gus], role: "agent" });

  const agent = await joinByInvitation(browser, { admin: page, person: gus, slug });
  await agent.goto(`/${slug}/settings`);
  const nav = agent.getByRole("navigation", { name: "Settings" });
  await expect(nav.getByRole("link", { name: "Teams" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "AI agents" })).toHaveCount(0);
  const response = await agent.goto(`/${slug}/settings/agents`);
  expect(response?.status()).toBe(403);
  await expect(
    agent.getByRole("heading", { name: "You do not have access to this page" }),
  ).toBeVisible();
  const detail = await agent.goto(`/${slug}/settings/agents/00000000-0000-4000-8000-000000000000`);
  expect(detail?.status()).toBe(403);
});
