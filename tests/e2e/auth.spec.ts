import { expect, test } from "@playwright/test";
import pg from "pg";
import {
  e2eDatabaseUrl,
  magicLinkFromMailbox,
  newPerson,
  signInPage,
  signOut,
  signUpPage,
  signUpWithWorkspace,
} from "./support/app";

test("health answers with the database driver", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.ok).toBe(true);
  expect(["postgres", "pglite"]).toContain(body.database.driver);
});

test("sign up, create a workspace, see the shell, sign out, sign in with a password", async ({
  page,
}) => {
  const dana = newPerson("Dana");
  const slug = await signUpWithWorkspace(page, dana, "Northwind Help");

  await expect(page.getByRole("navigation", { name: "Inbox views" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Workspace" });
  for (const item of ["Inbox", "Reports", "Settings"]) {
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  }
  await expect(page.getByRole("button", { name: `Account: ${dana.name}, Online` })).toBeVisible();
  await expect(page.getByRole("button", { name: /Workspace: Northwind Help/ })).toBeVisible();

  await signOut(page);
  await page.goto(`/${slug}/inbox`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);

  await signInPage.withPassword(page, dana.email, "not-the-password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  await signInPage.withPassword(page, dana.email, dana.password);
  await expect(page).toHaveURL(new RegExp(`/${slug}/inbox$`));
  await expect(page.getByRole("navigation", { name: "Inbox views" })).toBeVisible();
});

test("Settings → Account changes the password; the old one stops working", async ({ page }) => {
  const kim = newPerson("Kim");
  const slug = await signUpWithWorkspace(page, kim, "Password Co");
  await page.goto(`/${slug}/settings/account`);
  const form = page.getByRole("main");
  await expect(form.getByRole("heading", { name: "Password" })).toBeVisible();
  await form.getByLabel("Current password").fill("not-my-password");
  await form.getByLabel("New password").fill("a-fresh-long-password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("That is not your current password.")).toBeVisible();
  await form.getByLabel("Current password").fill(kim.password);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();

  await signOut(page);
  await signInPage.open(page);
  await signInPage.withPassword(page, kim.email, kim.password);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  await signInPage.withPassword(page, kim.email, "a-fresh-long-password");
  await expect(page).toHaveURL(new RegExp(`/${slug}/inbox$`));
});

test("sign-up explains a weak password and a taken email", async ({ page }) => {
  const sam = newPerson("Sam");
  await signUpPage.open(page);
  await signUpPage.submit(page, { ...sam, password: "short" });
  await expect(page.getByText("Use at least 10 characters for your password.")).toBeVisible();

  await signUpPage.submit(page, sam);
  await expect(page).toHaveURL(/\/workspaces\/new$/);
  await page.context().clearCookies();

  await signUpPage.open(page);
  await signUpPage.submit(page, { ...sam, name: "Another Sam" });
  await expect(
    page.getByText("An account with this email already exists. Sign in instead."),
  ).toBeVisible();
});

test("magic-link sign-in through the dev mailbox; a used link is refused", async ({ page }) => {
  const priya = newPerson("Priya");
  const slug = await signUpWithWorkspace(page, priya, "Priya Co");
  await signOut(page);

  await signInPage.open(page);
  await signInPage.requestLink(page, priya.email);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText(priya.email)).toBeVisible();

  const link = await magicLinkFromMailbox(page, priya.email);
  expect(new URL(link).pathname).toBe("/api/auth/callback/email");
  await page.goto(link);
  await expect(page).toHaveURL(new RegExp(`/${slug}/inbox$`));
  await expect(page.getByRole("button", { name: `Account: ${priya.name}, Online` })).toBeVisible();

  await signOut(page);
  await page.goto(link);
  await expect(page).toHaveURL(/\/sign-in\?error=Verification/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "That sign-in link has expired or has already been used. Request a new one below.",
  );
});

test("another user cannot open someone else's workspace", async ({ browser }) => {
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  const slug = await signUpWithWorkspace(ownerPage, newPerson("Owner"), "Private Desk");

  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await signUpPage.open(strangerPage);
  await signUpPage.submit(strangerPage, newPerson("Stranger"));
  await expect(strangerPage).toHaveURL(/\/workspaces\/new$/);

  for (const path of [`/${slug}`, `/${slug}/inbox`, `/${slug}/settings`]) {
    const response = await strangerPage.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(strangerPage.getByText("Private Desk")).toHaveCount(0);
  }
  const api = await strangerPage.request.get(`/api/workspaces/${slug}`);
  expect(api.status()).toBe(404);
  expect((await api.json()).error.code).toBe("not_found");

  const own = await ownerPage.request.get(`/api/workspaces/${slug}`);
  expect(own.status()).toBe(200);
  expect((await own.json()).member.role).toBe("admin");

  await owner.close();
  await stranger.close();
});

test("an expired magic link is refused with a clear message", async ({ page }) => {
  const database = e2eDatabaseUrl();
  test.skip(!database, "needs the PostgreSQL e2e database to age the link");
  const omar = newPerson("Omar");
  await signUpPage.open(page);
  await signUpPage.submit(page, omar);
  await expect(page).toHaveURL(/\/workspaces\/new$/);
  await page.context().clearCookies();

  await signInPage.open(page);
  await signInPage.requestLink(page, omar.email);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const link = await magicLinkFromMailbox(page, omar.email);

  const client = new pg.Client({ connectionString: database ?? "" });
  await client.connect();
  await client.query(
    "update verification_tokens set expires = now() - interval '1 minute' where identifier = $1",
    [omar.email],
  );
  await client.end();

  await page.goto(link);
  await expect(page).toHaveURL(/\/sign-in\?error=Verification/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "That sign-in link has expired or has already been used. Request a new one below.",
  );
  await page.goto("/workspaces/new");
  await expect(page).toHaveURL(/\/sign-in/);
});
