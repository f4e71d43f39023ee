// npm run db:seed — a demo workspace to click through. Refuses to seed the same workspace twice.
import { eq } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { closeDb, DatabaseLockedError, getDb } from "./client";
import { members, type Role, users, workspaces } from "./schema";

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
    for (const person of people) {
      const [user] = await tx
        .insert(users)
        .values({ name: person.name, email: person.email, passwordHash, emailVerified: new Date() })
        .onConflictDoUpdate({ target: users.email, set: { name: person.name } })
        .returning();
      if (!user) throw new Error(`user insert returned nothing for ${person.email}`);
      await tx.insert(members).values({
        workspaceId: workspace.id,
        userId: user.id,
        role: person.role,
        status: person.status,
      });
    }
  });
  console.log(`Seeded "${WORKSPACE.name}" at /${WORKSPACE.slug} with ${people.length} members.`);
  console.log(`Sign in as ${people[0]?.email} with password "${PASSWORD}" (Admin).`);
  console.log(
    `Every demo member uses the same password: ${people.map((p) => `${p.email} (${p.role})`).join(", ")}.`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof DatabaseLockedError ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
