// npm run db:seed — a demo workspace to click through. Refuses to seed the same workspace twice.
import { and, eq } from "drizzle-orm";
import { assignAgent } from "@/lib/assignment/agent-sessions";
import { hashPassword } from "@/lib/auth/password";
import { apiViewer } from "@/lib/conversations/viewer";
import { closeDb, DatabaseLockedError, getDb } from "./client";
import {
  agentKnowledge,
  aiAgents,
  type Channel,
  contactIdentities,
  contacts,
  conversationEvents,
  conversations,
  type MessageKind,
  members,
  messages,
  type Role,
  teamMembers,
  teams,
  users,
  widgetSettings,
  workspaces,
} from "./schema";

const WORKSPACE = { name: "Acme Support", slug: "acme-support" };
const PASSWORD = process.env.SEED_PASSWORD ?? "switchboard-demo";

const people: { name: string; email: string; role: Role; status: "online" | "away" | "offline" }[] =
  [
    { name: "Dana Whitfield", email: "dana@acme.test", role: "admin", status: "online" },
    { name: "Omar Haddad", email: "omar@acme.test", role: "admin", status: "offline" },
    { name: "Morgan Lee", email: "morgan@acme.test", role: "manager", status: "online" },
    { name: "Sam Rivera", email: "sam@acme.test", role: "agent", status: "online" },
    { name: "Priya Natarajan", email: "priya@acme.test", role: "agent", status: "away" },
    { name: "Alex Kim", email: "alex@acme.test", role: "agent", status: "offline" },
    { name: "Victor Stone", email: "victor@acme.test", role: "viewer", status: "offline" },
  ];

const teamPlan = [
  { name: "Support", routingMode: "balanced" as const, members: ["sam", "priya", "morgan"] },
  { name: "Sales", routingMode: "inherit" as const, members: ["alex", "morgan"] },
];

interface ConversationPlan {
  contact: { name: string; email?: string; phone?: string };
  channel: Channel;
  assignee?: string;
  team?: string;
  status?: "open" | "closed";
  messages: [MessageKind, string, string?][];
}

// [kind, body, author handle for outbound messages and notes]
const conversationPlan: ConversationPlan[] = [
  {
    contact: { name: "Lena Fischer", email: "lena@fischer.example" },
    channel: "web_chat",
    messages: [["inbound", "Hi! My order #4411 hasn't shipped yet. Can you check?"]],
  },
  {
    contact: { name: "Marco Rossi", phone: "+39 347 555 0192" },
    channel: "whatsapp",
    assignee: "sam",
    team: "Support",
    messages: [
      ["inbound", "The app logs me out every few minutes."],
      ["outbound", "Sorry about that, Marco. Which phone and app version are you on?", "sam"],
      ["inbound", "Pixel 8, version 3.2.1"],
      ["note", "Known issue in 3.2.1, fix ships Thursday.", "sam"],
    ],
  },
  {
    contact: { name: "Aisha Bello", email: "aisha@bello.example" },
    channel: "web_chat",
    assignee: "alex",
    team: "Sales",
    messages: [
      ["inbound", "Do you offer discounts for 20 seats?"],
      ["outbound", "We do! Annual plans get 15% off. Want me to send a quote?", "alex"],
    ],
  },
  {
    contact: { name: "Tom Becker", email: "tom@becker.example" },
    channel: "api",
    team: "Support",
    messages: [["inbound", "Webhook deliveries to our endpoint fail with 401 since this morning."]],
  },
  {
    contact: { name: "Yuki Tanaka", phone: "+81 90 5555 0134" },
    channel: "whatsapp",
    assignee: "priya",
    team: "Support",
    status: "closed",
    messages: [
      ["inbound", "How do I change my billing email?"],
      ["outbound", "Settings → Billing → Contact email. Anything else?", "priya"],
      ["inbound", "Found it, thanks!"],
    ],
  },
];

const more: [string, string, Channel, string | undefined, string | undefined, string][] = [
  [
    "Noah Williams",
    "noah@williams.example",
    "web_chat",
    undefined,
    "Support",
    "Is there a way to export all my invoices at once?",
  ],
  [
    "Emma Dubois",
    "emma@dubois.example",
    "api",
    "sam",
    "Support",
    "The API returns 429 when we sync contacts every minute.",
  ],
  [
    "Oliver Smith",
    "oliver@smith.example",
    "web_chat",
    "morgan",
    undefined,
    "Can I change the plan owner to my colleague?",
  ],
  [
    "Sofia García",
    "sofia@garcia.example",
    "whatsapp",
    undefined,
    "Sales",
    "Hola! Do you have a plan for nonprofits?",
  ],
  [
    "Liam Johnson",
    "liam@johnson.example",
    "web_chat",
    undefined,
    undefined,
    "Your pricing page says 'contact us' for Business — what does it cost?",
  ],
  [
    "Mia Schneider",
    "mia@schneider.example",
    "api",
    "priya",
    "Support",
    "Password reset emails are not arriving for our team.",
  ],
  [
    "Lucas Martin",
    "lucas@martin.example",
    "whatsapp",
    undefined,
    "Support",
    "My refund for order #5590 has not arrived yet.",
  ],
];
conversationPlan.push(
  ...more.map(([name, email, channel, assignee, team, text], i) => ({
    contact: channel === "whatsapp" ? { name, phone: `+1 555 010 ${20 + i}` } : { name, email },
    channel,
    assignee,
    team,
    messages: [["inbound", text] as [MessageKind, string]],
  })),
);

const handle = (email: string) => email.split("@")[0] ?? email;

/** The demo AI agent: what it knows, and the conversation it is handling (Lena's). */
const agentPlan = {
  name: "Ava",
  avatar: "🤖",
  instructions:
    "You are Ava, Acme's virtual assistant. Be warm and brief. Answer only from the knowledge; never promise refunds or delivery dates — hand off to the Support team instead.",
  initialMessage:
    "Hi, I'm Ava, Acme's virtual assistant. Ask me anything — or ask for a person at any time.",
  handles: "Lena Fischer",
  knowledge: [
    [
      "What are your opening hours?",
      "Our team is here Monday to Friday, 9:00–18:00 (Berlin time).",
    ],
    [
      "How long does shipping take?",
      "Orders ship within 2 business days; delivery in Germany takes 1–3 days, elsewhere in the EU 3–7 days.",
    ],
    [
      "How do I track my order?",
      "You'll find the tracking link in your shipping confirmation email, or under Account → Orders.",
    ],
    [
      "How do I reset my password?",
      'Click "Forgot password" on the sign-in page and follow the link we email you.',
    ],
    [
      "Can I change my delivery address?",
      "Yes, until the order ships: open Account → Orders → Change address.",
    ],
    [
      "Do you ship outside the EU?",
      "We ship to the UK, Switzerland and Norway; other countries are not available yet.",
    ],
  ] as const,
  article: {
    title: "Returns and exchanges",
    body: "You can return any unused item within 30 days of delivery.\n\nStart a return under Account → Orders → Return items; we email you a prepaid label. Refunds reach your original payment method within 5 business days after the return arrives.\n\nExchanges for another size are free: choose Exchange instead of Return.",
  },
};

async function main() {
  const db = await getDb();
  const [existing] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.slug, WORKSPACE.slug));
  if (existing) {
    console.error(
      `The demo workspace "${WORKSPACE.name}" already exists at /${WORKSPACE.slug}; nothing changed.`,
    );
    process.exitCode = 1;
    return;
  }
  const passwordHash = await hashPassword(PASSWORD);
  await db.transaction(async (tx) => {
    const [workspace] = await tx
      .insert(workspaces)
      .values({ ...WORKSPACE, plan: "team", timeZone: "Europe/Berlin" })
      .returning();
    if (!workspace) throw new Error("workspace insert returned nothing");
    const memberIds = new Map<string, string>();
    for (const person of people) {
      const [user] = await tx
        .insert(users)
        .values({ name: person.name, email: person.email, passwordHash, emailVerified: new Date() })
        .onConflictDoUpdate({ target: users.email, set: { name: person.name } })
        .returning();
      if (!user) throw new Error(`user insert returned nothing for ${person.email}`);
      const [member] = await tx
        .insert(members)
        .values({
          workspaceId: workspace.id,
          userId: user.id,
          role: person.role,
          status: person.status,
        })
        .returning();
      if (!member) throw new Error(`member insert returned nothing for ${person.email}`);
      memberIds.set(handle(person.email), member.id);
    }
    const memberId = (name: string | undefined) => (name ? memberIds.get(name) : undefined);

    const teamIds = new Map<string, string>();
    for (const plan of teamPlan) {
      const [team] = await tx
        .insert(teams)
        .values({ workspaceId: workspace.id, name: plan.name, routingMode: plan.routingMode })
        .returning();
      if (!team) throw new Error(`team insert returned nothing for ${plan.name}`);
      teamIds.set(plan.name, team.id);
      await tx.insert(teamMembers).values(
        plan.members.flatMap((name) => {
          const id = memberId(name);
          return id ? [{ teamId: team.id, memberId: id }] : [];
        }),
      );
    }

    const supportTeam = teamIds.get("Support");
    if (supportTeam) {
      await tx.insert(widgetSettings).values({ workspaceId: workspace.id, teamId: supportTeam });
    }

    const start = Date.now() - 5 * 60 * 60 * 1000;
    for (const [index, plan] of conversationPlan.entries()) {
      const [contact] = await tx
        .insert(contacts)
        .values({ workspaceId: workspace.id, ...plan.contact })
        .returning();
      if (!contact) throw new Error("contact insert returned nothing");
      await tx.insert(contactIdentities).values({
        workspaceId: workspace.id,
        contactId: contact.id,
        channel: plan.channel,
        handle: plan.contact.phone ?? plan.contact.email ?? `visitor-${index}`,
      });
      const times = plan.messages.map((_, i) => new Date(start + index * 20 * 60_000 + i * 90_000));
      const last = plan.messages.at(-1);
      const lastAt = times.at(-1) ?? new Date();
      const customerWaiting = last?.[0] === "inbound";
      const [conversation] = await tx
        .insert(conversations)
        .values({
          workspaceId: workspace.id,
          contactId: contact.id,
          channel: plan.channel,
          status: plan.status ?? "open",
          assigneeId: memberId(plan.assignee),
          teamId: plan.team ? teamIds.get(plan.team) : undefined,
          lastMessageAt: lastAt,
          lastMessagePreview: plan.messages.filter(([kind]) => kind !== "note").at(-1)?.[1],
          waitingSince: customerWaiting && plan.status !== "closed" ? lastAt : null,
          closedAt: plan.status === "closed" ? lastAt : null,
          createdAt: times[0],
        })
        .returning();
      if (!conversation) throw new Error("conversation insert returned nothing");
      await tx.insert(messages).values(
        plan.messages.map(([kind, body, author], i) => ({
          workspaceId: workspace.id,
          conversationId: conversation.id,
          kind,
          body,
          authorMemberId: memberId(author),
          createdAt: times[i],
        })),
      );
      const events = [
        ...(plan.team
          ? [{ type: "team_assigned", data: { to: teamIds.get(plan.team), reason: "seed" } }]
          : []),
        ...(plan.assignee
          ? [{ type: "assigned", data: { to: memberId(plan.assignee), reason: "seed" } }]
          : []),
        ...(plan.status === "closed" ? [{ type: "closed", data: {} }] : []),
      ];
      if (events.length > 0) {
        await tx.insert(conversationEvents).values(
          events.map((event) => ({
            workspaceId: workspace.id,
            conversationId: conversation.id,
            actorMemberId: memberId("dana"),
            createdAt: lastAt,
            ...event,
          })),
        );
      }
    }
  });
  await seedAgent(db);
  console.log(
    `Seeded "${WORKSPACE.name}" at /${WORKSPACE.slug}: ${people.length} members, ${teamPlan.length} teams, ${conversationPlan.length} conversations, 1 AI agent.`,
  );
  console.log(`Sign in as ${people[0]?.email} with password "${PASSWORD}" (Admin).`);
  console.log(
    `Every demo member uses the same password: ${people.map((p) => `${p.email} (${p.role})`).join(", ")}.`,
  );
}

/** Ava, with her knowledge, handling one conversation through lib/assignment (greeting sent). */
async function seedAgent(db: Awaited<ReturnType<typeof getDb>>) {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.slug, WORKSPACE.slug));
  if (!workspace) throw new Error("the demo workspace vanished");
  const [support] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.workspaceId, workspace.id), eq(teams.name, "Support")));
  const [agent] = await db
    .insert(aiAgents)
    .values({
      workspaceId: workspace.id,
      name: agentPlan.name,
      avatar: agentPlan.avatar,
      instructions: agentPlan.instructions,
      handoffTeamId: support?.id ?? null,
      sendInitialMessage: true,
      initialMessage: agentPlan.initialMessage,
    })
    .returning();
  if (!agent) throw new Error("agent insert returned nothing");
  await db.insert(agentKnowledge).values([
    ...agentPlan.knowledge.map(([title, body]) => ({
      workspaceId: workspace.id,
      agentId: agent.id,
      kind: "qa" as const,
      title,
      body,
    })),
    {
      workspaceId: workspace.id,
      agentId: agent.id,
      kind: "article" as const,
      ...agentPlan.article,
    },
  ]);
  const [handled] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(eq(contacts.name, agentPlan.handles));
  if (handled) {
    await assignAgent(db, {
      viewer: apiViewer(workspace),
      conversationId: handled.id,
      agentId: agent.id,
    });
  }
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof DatabaseLockedError ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
