import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { customerAlert } from "@/components/realtime/alerts";
import { getDb } from "@/db/client";
import { resolveWorkspaceContext } from "@/lib/auth/workspace-context";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { sendMessage } from "@/lib/conversations/send-message";
import { viewerFor } from "@/lib/conversations/viewer";
import type { ConversationChange } from "@/lib/realtime/events";
import { makeWorkspace, rawRows } from "../support/factories";

/*
 * The chime and desktop pop-up a member's browser raises for a conversation's live change:
 * what the customer wrote alerts; a member's reply or note does not (before, every reply and
 * note went out as a "message" and chimed for everyone in scope, the writer included).
 */
describe("live alerts", () => {
  it("come from the customer's messages, never from members' replies or notes", async () => {
    const db = await getDb();
    const { workspace, admin } = await makeWorkspace();
    const [mark] = await rawRows<{ id: number }>(
      sql`select coalesce(max(id), 0)::int as id from realtime_events`,
    );
    const handle = `alerts-${Date.now()}`;
    const customer = (body: string) =>
      receiveInboundMessage(db, { workspaceId: workspace.id, channel: "api", handle, body });
    const { conversation } = await customer("Hello?");
    const viewer = await viewerFor(
      await resolveWorkspaceContext(db, {
        userId: admin.id,
        slug: workspace.slug,
        permission: "conversations.view",
      }),
    );
    await sendMessage(db, {
      viewer,
      conversationId: conversation.id,
      body: "Checking",
      note: true,
    });
    await sendMessage(db, {
      viewer,
      conversationId: conversation.id,
      body: "Hi, how can I help?",
      note: false,
    });
    await customer("My order is late");

    const changes = await rawRows<{ change: ConversationChange; assignee_id: string | null }>(sql`
      select payload->>'change' as change, payload->>'assigneeId' as assignee_id
      from realtime_events
      where id > ${mark?.id ?? 0} and type = 'conversation.changed'
        and payload->>'conversationId' = ${conversation.id}
      order by id`);
    const adminMember = viewer.member?.id ?? "";
    expect(changes.map((c) => c.change)).toEqual([
      "created",
      "reply", // the note
      "assignment", // the first reply made the admin its assignee (self-assign) …
      "reply", // … in the reply's transaction
      "message",
    ]);
    // What the admin (scope "all": every conversation is in scope) is alerted to, in order.
    expect(
      changes.map((c) =>
        customerAlert(c.change, "all", { assigneeId: c.assignee_id, memberId: adminMember }),
      ),
    ).toEqual(["New conversation", null, null, null, "New message"]);
  });
});
