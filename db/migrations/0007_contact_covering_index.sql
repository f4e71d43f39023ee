-- Search pages conversation ids straight from this index (contacts ⋈ conversations without
-- touching the heap). drizzle-kit cannot declare INCLUDE columns; the schema keeps the name.
DROP INDEX IF EXISTS "conversations_contact_idx";--> statement-breakpoint
CREATE INDEX "conversations_contact_idx" ON "conversations" USING btree ("contact_id") INCLUDE ("id", "workspace_id", "status", "last_message_at", "assignee_id", "team_id");
