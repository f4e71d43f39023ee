import { and, desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inviteMembersAction } from "@/app/(app)/[workspace]/settings/members/actions";
import { getDb } from "@/db/client";
import {
  activityLog,
  contacts,
  conversationEvents,
  conversations,
  emailOutbox,
  invitations,
  members,
  notifications,
  teamMembers,
  teams,
  type User,
  workspaces,
} from "@/db/schema";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { resolveWorkspaceContext } from "@/lib/auth/workspace-context";
import { deliverPendingEmails } from "@/lib/email/deliver-pending-emails";
import { AppError } from "@/lib/errors";
import { acceptInvitation } from "@/lib/members/accept-invitation";
import { changePlan } from "@/lib/members/change-plan";
import { changeRole } from "@/lib/members/change-role";
import { leaveWorkspace, removeMember } from "@/lib/members/end-membership";
import { type Inviter, inviteMembers } from "@/lib/members/invite-members";
import { countSeats } from "@/lib/members/lock-workspace";
import {
  RESENDS_PER_HOUR,
  resendInvitation,
  revokeInvitation,
} from "@/lib/members/manage-invitation";
import { inviteSchema } from "@/lib/members/schemas";
import { makeUser, makeWorkspace, randomEmail, rawRows } from "../support/factories";

const baseUrl = "http://switchboard.test";

async function setup(extraRoles: ("admin" | "manager" | "agent" | "viewer")[] = []) {
  const db = await getDb();
  const made = await makeWorkspace(extraRoles);
  const [adminMember] = await db
    .select()
    .from(members)
    .where(and(eq(members.workspaceId, made.workspace.id), eq(members.userId, made.admin.id)));
  if (!adminMember) throw new Error("no admin member");
  const inviter: Inviter = { member: adminMember, user: made.admin };
  return { db, ...made, adminMember, inviter };
}

function invite(
  workspaceId: string,
  inviter: Inviter,
  raw: { emails: string; role?: string; teamIds?: string[] },
  now?: Date,
) {
  const input = inviteSchema.parse({ role: "agent", ...raw });
  return getDb().then((db) => inviteMembers(db, { workspaceId, inviter, input, baseUrl, now }));
}

/** The raw token, as only the emailed link carries it. */
async function tokenSentTo(email: string): Promise<string> {
  const db = await getDb();
  const [mail] = await db
    .select({ text: emailOutbox.text })
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, email))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  const token = mail?.text.match(/\/invite\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no invitation email to ${email}`);
  return token;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

function userWithEmail(email: string): Promise<User> {
  return makeUser("invitee", email);
}

describe("inviting", () => {
  it("invites several addresses at once, hashing the tokens and queueing one email each", async () => {
    const { db, workspace, inviter } = await setup();
    await changePlan(db, {
      workspaceId: workspace.id,
      plan: "team",
      actorMemberId: inviter.member.id,
    });
    const [a, b] = [randomEmail("a"), randomEmail("b")];
    const invited = await invite(workspace.id, inviter, {
      emails: `${a.toUpperCase()},\n ${b}`,
      role: "manager",
    });
    expect(invited.map((row) => row.email).sort()).toEqual([a, b].sort());

    const rows = await db
      .select()
      .from(invitations)
      .where(eq(invitations.workspaceId, workspace.id));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.status).toBe("pending");
      expect(row.role).toBe("manager");
      expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      const days = (row.expiresAt.getTime() - row.sentAt.getTime()) / 86_400_000;
      expect(days).toBe(7);
    }
    const token = await tokenSentTo(a);
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(32);

    // The raw token is nowhere in the database: not in any column of any table.
    const tables = await rawRows<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    const names = tables.map((row) => row.table_name);
    expect(names).toContain("email_outbox");
    for (const name of names) {
      const [hits] = await rawRows<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(name)} t where t::text like ${`%${token}%`}`,
      );
      expect(hits?.n, name).toBe(0);
    }
  });

  it("refuses the whole batch for one bad address, an existing member or a live invitation", async () => {
    const { db, workspace, inviter, admin } = await setup();
    const good = randomEmail("good");

    const invalid = inviteSchema.safeParse({ emails: `${good}, not-an-email`, role: "agent" });
    expect(invalid.error?.issues[0]?.message).toBe(
      '"not-an-email" is not a valid email address. Nobody was invited.',
    );

    const member = await refusal(
      invite(workspace.id, inviter, { emails: `${good}, ${admin.email}` }),
    );
    expect(member.code).toBe("conflict");
    expect(member.message).toContain(`"${admin.email}" is already a member`);

    await invite(workspace.id, inviter, { emails: good });
    const again = await refusal(invite(workspace.id, inviter, { emails: good }));
    expect(again.message).toMatch(/was already invited on .*Use "Resend"/);

    const rows = await db
      .select()
      .from(invitations)
      .where(eq(invitations.workspaceId, workspace.id));
    expect(rows.map((row) => row.email)).toEqual([good]);
  });

  it("lets only Admins invite, through the action door", async () => {
    const { workspace, others } = await setup(["manager"]);
    const manager = others[0]?.user;
    if (!manager) throw new Error("no manager");
    const result = await inviteMembersAction.run(
      { userId: manager.id },
      { workspace: workspace.slug, emails: randomEmail("x"), role: "agent", teamIds: [] },
    );
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("refuses a team of another workspace", async () => {
    const { workspace, inviter } = await setup();
    const other = await makeWorkspace();
    const db = await getDb();
    const [foreignTeam] = await db
      .insert(teams)
      .values({ workspaceId: other.workspace.id, name: "Theirs" })
      .returning();
    const error = await refusal(
      invite(workspace.id, inviter, { emails: randomEmail("t"), teamIds: [foreignTeam?.id ?? ""] }),
    );
    expect(error.code).toBe("not_found");
  });
});

describe("seats", () => {
  it("counts members and pending invitations against the plan and says what to do", async () => {
    const { db, workspace, inviter } = await setup();
    await invite(workspace.id, inviter, { emails: `${randomEmail("s1")}, ${randomEmail("s2")}` });
    expect(await countSeats(db, workspace.id)).toEqual({ members: 1, pending: 2 });
    const full = await refusal(invite(workspace.id, inviter, { emails: randomEmail("s3") }));
    expect(full.message).toBe(
      "The Starter plan has 3 seats, with 3 seats in use: 1 member and 2 pending invitations. Revoke a pending invitation, remove a member, or switch to a bigger plan in Settings → Plan.",
    );
  });

  it("never lets concurrent invitations exceed the limit", async () => {
    const { db, workspace, inviter } = await setup();
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        invite(workspace.id, inviter, { emails: randomEmail(`race${i}`) }),
      ),
    );
    const fulfilled = attempts.filter((attempt) => attempt.status === "fulfilled");
    expect(fulfilled).toHaveLength(2);
    const rejected = attempts.filter((attempt) => attempt.status === "rejected");
    for (const attempt of rejected) {
      expect(attempt.reason).toBeInstanceOf(AppError);
    }
    expect(await countSeats(db, workspace.id)).toEqual({ members: 1, pending: 2 });
  });

  it("refuses a downgrade below current usage", async () => {
    const { db, workspace, inviter } = await setup(["agent", "agent"]);
    await changePlan(db, {
      workspaceId: workspace.id,
      plan: "team",
      actorMemberId: inviter.member.id,
    });
    await invite(workspace.id, inviter, { emails: randomEmail("d") });
    const error = await refusal(
      changePlan(db, {
        workspaceId: workspace.id,
        plan: "starter",
        actorMemberId: inviter.member.id,
      }),
    );
    expect(error.message).toBe(
      "The Starter plan has 3 seats, but 4 seats in use: 3 members and 1 pending invitation. Remove members or revoke invitations until 3 or fewer seats are used, then switch.",
    );
    const [row] = await db.select().from(workspaces).where(eq(workspaces.id, workspace.id));
    expect(row?.plan).toBe("team");
  });
});

describe("accepting", () => {
  it("joins with the invited role and teams, notifies the inviter, and works once", async () => {
    const { db, workspace, inviter } = await setup();
    const [team] = await db
      .insert(teams)
      .values({ workspaceId: workspace.id, name: "Support" })
      .returning();
    if (!team) throw new Error("no team");
    const email = randomEmail("join");
    await invite(workspace.id, inviter, { emails: email, role: "manager", teamIds: [team.id] });
    const token = await tokenSentTo(email);

    const stranger = await makeUser("stranger");
    const wrong = await refusal(acceptInvitation(db, { token, user: stranger }));
    expect(wrong.code).toBe("forbidden");
    expect(wrong.message).toContain(`This invitation is for ${email}`);

    const invitee = await userWithEmail(email);
    const joined = await acceptInvitation(db, { token, user: invitee });
    expect(joined.workspaceSlug).toBe(workspace.slug);
    const [member] = await db.select().from(members).where(eq(members.id, joined.memberId));
    expect(member?.role).toBe("manager");
    const inTeam = await db
      .select()
      .from(teamMembers)
      .where(eq(teamMembers.memberId, joined.memberId));
    expect(inTeam.map((row) => row.teamId)).toEqual([team.id]);

    const [note] = await db
      .select()
      .from(notifications)
      .where(eq(notifications.memberId, inviter.member.id));
    expect(note).toMatchObject({ type: "invitation_accepted", data: { email } });
    const log = await db
      .select()
      .from(activityLog)
      .where(eq(activityLog.workspaceId, workspace.id));
    expect(log.map((row) => row.type)).toEqual(
      expect.arrayContaining(["member.invited", "invitation.accepted"]),
    );

    const twice = await refusal(acceptInvitation(db, { token, user: invitee }));
    expect(twice.message).toBe(
      "This invitation has already been used. Sign in to open the workspace.",
    );
  });

  it("refuses expired, revoked, resent-away and unknown tokens, changing nothing", async () => {
    const { db, workspace, inviter } = await setup();
    const past = new Date(Date.now() - 8 * 86_400_000);
    const expiredEmail = randomEmail("old");
    await invite(workspace.id, inviter, { emails: expiredEmail }, past);
    const expiredToken = await tokenSentTo(expiredEmail);
    const expiredUser = await userWithEmail(expiredEmail);
    expect(
      (await refusal(acceptInvitation(db, { token: expiredToken, user: expiredUser }))).message,
    ).toBe("This invitation has expired. Ask an Admin of the workspace to send a new one.");
    // An expired invitation frees its seat.
    expect(await countSeats(db, workspace.id)).toEqual({ members: 1, pending: 0 });

    const revokedEmail = randomEmail("rev");
    const [revoked] = await invite(workspace.id, inviter, { emails: revokedEmail });
    const revokedToken = await tokenSentTo(revokedEmail);
    await revokeInvitation(db, {
      workspaceId: workspace.id,
      invitationId: revoked?.id ?? "",
      actorMemberId: inviter.member.id,
    });
    const revokedUser = await userWithEmail(revokedEmail);
    expect(
      (await refusal(acceptInvitation(db, { token: revokedToken, user: revokedUser }))).message,
    ).toMatch(/revoked/);

    const resentEmail = randomEmail("again");
    const [resent] = await invite(workspace.id, inviter, { emails: resentEmail });
    const oldToken = await tokenSentTo(resentEmail);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await resendInvitation(db, {
      workspaceId: workspace.id,
      invitationId: resent?.id ?? "",
      inviter,
      baseUrl,
    });
    const newToken = await tokenSentTo(resentEmail);
    expect(newToken).not.toBe(oldToken);
    const resentUser = await userWithEmail(resentEmail);
    expect((await refusal(acceptInvitation(db, { token: oldToken, user: resentUser }))).code).toBe(
      "not_found",
    );
    await acceptInvitation(db, { token: newToken, user: resentUser });

    expect(
      (await refusal(acceptInvitation(db, { token: "x".repeat(43), user: resentUser }))).code,
    ).toBe("not_found");
    const active = await db.select().from(members).where(eq(members.workspaceId, workspace.id));
    expect(active.filter((row) => row.removedAt === null)).toHaveLength(2);
  });
});

describe("API keys of a member who stops being an Admin", () => {
  it("stop working when they are removed, leave or lose the Admin role; others' keys keep working", async () => {
    const { db, workspace, adminMember, others } = await setup(["admin", "admin", "admin"]);
    const [removed, demoted, leaving] = others;
    if (!removed || !demoted || !leaving) throw new Error("admins missing");
    const keyOf = async (memberId: string | null, name: string) =>
      (await createApiKey(db, { workspaceId: workspace.id, createdById: memberId, name })).key;
    const works = (key: string) =>
      authenticateApiKey(db, `Bearer ${key}`).then(
        () => true,
        () => false,
      );
    const keys = {
      removed: await keyOf(removed.member.id, "Zapier"),
      demoted: await keyOf(demoted.member.id, "Telegram bridge"),
      leaving: await keyOf(leaving.member.id, "Backfill"),
      stays: await keyOf(adminMember.id, "Website form"),
    };
    for (const key of Object.values(keys)) expect(await works(key)).toBe(true);

    await removeMember(db, {
      workspaceId: workspace.id,
      memberId: removed.member.id,
      actorMemberId: adminMember.id,
    });
    await changeRole(db, {
      workspaceId: workspace.id,
      memberId: demoted.member.id,
      role: "agent",
      actorMemberId: adminMember.id,
    });
    await leaveWorkspace(db, { workspaceId: workspace.id, memberId: leaving.member.id });
    expect(await works(keys.removed)).toBe(false);
    expect(await works(keys.demoted)).toBe(false);
    expect(await works(keys.leaving)).toBe(false);
    expect(await works(keys.stays)).toBe(true);
    // The activity log says which keys went with each change.
    const logged = await db
      .select({ type: activityLog.type, data: activityLog.data })
      .from(activityLog)
      .where(eq(activityLog.workspaceId, workspace.id));
    expect(logged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: "member.removed",
          data: expect.objectContaining({ revokedKeys: "Zapier" }),
        }),
        expect.objectContaining({
          type: "member.role_changed",
          data: expect.objectContaining({ revokedKeys: "Telegram bridge" }),
        }),
      ]),
    );
  });
});

describe("invitation emails", () => {
  it(`sends one invitation again at most ${RESENDS_PER_HOUR} times an hour`, async () => {
    const { db, workspace, inviter } = await setup();
    const email = randomEmail("bombed");
    const [invitation] = await invite(workspace.id, inviter, { emails: email });
    const resend = (now?: Date) =>
      resendInvitation(db, {
        workspaceId: workspace.id,
        invitationId: invitation?.id ?? "",
        inviter,
        baseUrl,
        now,
      });
    for (let i = 0; i < RESENDS_PER_HOUR; i++) await resend();
    const refused = await refusal(resend());
    expect(refused.code).toBe("rate_limited");
    expect(refused.message).toMatch(/Too many resends of this invitation/);
    const sent = await db
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, email));
    expect(sent).toHaveLength(1 + RESENDS_PER_HOUR);
    // An hour on, it may go again.
    await resend(new Date(Date.now() + 61 * 60_000));
  });

  it("withdraws an undelivered invitation email once a resend or a revoke kills its link", async () => {
    const { db, workspace, inviter } = await setup();
    const mailTo = async (email: string) =>
      db
        .select({ id: emailOutbox.id, status: emailOutbox.status, text: emailOutbox.text })
        .from(emailOutbox)
        .where(eq(emailOutbox.toAddress, email))
        .orderBy(emailOutbox.createdAt);

    // Nothing has been delivered yet (say the provider is down): the first email waits.
    const email = randomEmail("queued");
    const [invitation] = await invite(workspace.id, inviter, { emails: email });
    const [first] = await mailTo(email);
    expect(first?.status).toBe("pending");

    await resendInvitation(db, {
      workspaceId: workspace.id,
      invitationId: invitation?.id ?? "",
      inviter,
      baseUrl,
    });
    const afterResend = await mailTo(email);
    expect(afterResend.map((row) => row.status)).toEqual(["cancelled", "pending"]);
    // The one left carries the link that works.
    const [, second] = afterResend;
    expect(second?.text).toContain(`/invite/${await tokenSentTo(email)}`);

    // A second invitee's email is not touched by the first one's changes.
    const other = randomEmail("other");
    await invite(workspace.id, inviter, { emails: other });

    await revokeInvitation(db, {
      workspaceId: workspace.id,
      invitationId: invitation?.id ?? "",
      actorMemberId: inviter.member.id,
    });
    expect((await mailTo(email)).map((row) => row.status)).toEqual(["cancelled", "cancelled"]);

    // When delivery runs again, the revoked invitee gets nothing; the other invitee gets theirs.
    const [otherMail] = await mailTo(other);
    const ids = [...afterResend.map((row) => row.id), otherMail?.id ?? ""];
    expect(await deliverPendingEmails({ db, ids })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect((await mailTo(email)).map((row) => row.status)).toEqual(["cancelled", "cancelled"]);
    expect((await mailTo(other)).map((row) => row.status)).toEqual(["sent"]);
  });
});

describe("roles and removal", () => {
  it("keeps at least one Admin", async () => {
    const { db, workspace, adminMember } = await setup(["admin"]);
    const [second] = await db
      .select()
      .from(members)
      .where(and(eq(members.workspaceId, workspace.id), sql`${members.id} <> ${adminMember.id}`));
    if (!second) throw new Error("no second admin");
    await changeRole(db, {
      workspaceId: workspace.id,
      memberId: second.id,
      role: "agent",
      actorMemberId: adminMember.id,
    });

    const demote = await refusal(
      changeRole(db, {
        workspaceId: workspace.id,
        memberId: adminMember.id,
        role: "manager",
        actorMemberId: adminMember.id,
      }),
    );
    expect(demote.message).toMatch(/is the only Admin. Make someone else an Admin first/);
    const leave = await refusal(
      leaveWorkspace(db, { workspaceId: workspace.id, memberId: adminMember.id }),
    );
    expect(leave.message).toBe(
      "You are the only Admin, so you cannot leave. Make someone else an Admin first.",
    );
    const remove = await refusal(
      removeMember(db, {
        workspaceId: workspace.id,
        memberId: adminMember.id,
        actorMemberId: second.id,
      }),
    );
    expect(remove.code).toBe("conflict");
    const [still] = await db.select().from(members).where(eq(members.id, adminMember.id));
    expect(still).toMatchObject({ role: "admin", removedAt: null });
  });

  it("applies a role change on the member's next request", async () => {
    const { db, workspace, adminMember, others } = await setup(["agent"]);
    const agent = others[0];
    if (!agent) throw new Error("no agent");
    const manage = () =>
      resolveWorkspaceContext(db, {
        userId: agent.user.id,
        slug: workspace.slug,
        permission: "members.manage",
      }).then(
        () => "ok",
        (error: AppError) => error.code,
      );
    expect(await manage()).toBe("forbidden");
    await changeRole(db, {
      workspaceId: workspace.id,
      memberId: agent.member.id,
      role: "admin",
      actorMemberId: adminMember.id,
    });
    expect(await manage()).toBe("ok");
  });

  it("removes a member in one go; their already-open session is refused next time", async () => {
    const { db, workspace, adminMember, others } = await setup(["agent"]);
    const agent = others[0];
    if (!agent) throw new Error("no agent");
    const [team] = await db
      .insert(teams)
      .values({ workspaceId: workspace.id, name: "Care" })
      .returning();
    await db.insert(teamMembers).values({ teamId: team?.id ?? "", memberId: agent.member.id });
    await db.insert(notifications).values([
      {
        workspaceId: workspace.id,
        memberId: agent.member.id,
        type: "invitation_accepted",
        data: {},
      },
      {
        workspaceId: workspace.id,
        memberId: agent.member.id,
        type: "invitation_accepted",
        data: {},
        readAt: new Date(),
      },
    ]);
    const [contact] = await db
      .insert(contacts)
      .values({ workspaceId: workspace.id, name: "Cara" })
      .returning();
    const [conversation] = await db
      .insert(conversations)
      .values({
        workspaceId: workspace.id,
        contactId: contact?.id ?? "",
        channel: "web_chat",
        assigneeId: agent.member.id,
      })
      .returning();

    const door = () =>
      resolveWorkspaceContext(db, {
        userId: agent.user.id,
        slug: workspace.slug,
        permission: "workspace.view",
      }).then(
        () => "ok",
        (error: AppError) => error.code,
      );
    expect(await door()).toBe("ok");

    await removeMember(db, {
      workspaceId: workspace.id,
      memberId: agent.member.id,
      actorMemberId: adminMember.id,
    });

    expect(await door()).toBe("not_found");
    const [row] = await db.select().from(members).where(eq(members.id, agent.member.id));
    expect(row?.removedAt).toBeInstanceOf(Date);
    expect(
      await db.select().from(teamMembers).where(eq(teamMembers.memberId, agent.member.id)),
    ).toHaveLength(0);
    const left = await db
      .select()
      .from(notifications)
      .where(eq(notifications.memberId, agent.member.id));
    expect(left).toHaveLength(1);
    expect(left[0]?.readAt).toBeInstanceOf(Date);
    const [after] = await db
      .select()
      .from(conversations)
      .where(eq(conversations.id, conversation?.id ?? ""));
    expect(after?.assigneeId).toBeNull();
    const events = await db
      .select()
      .from(conversationEvents)
      .where(eq(conversationEvents.conversationId, conversation?.id ?? ""));
    expect(events).toMatchObject([
      { type: "unassigned", data: { from: agent.member.id, reason: "member_removed" } },
    ]);
  });
});
