-- The list's ordered index ranges carry the columns scope branches and views filter on
-- (assignee, team, AI session), so a branch such as "unassigned, in my teams" or "my teams',
-- not mine" skips the rows it does not want inside the index (an index-only scan) instead of
-- fetching each one from the table. Same keys and order as migration 0006; drizzle-kit cannot
-- declare INCLUDE columns, so the schema keeps the names and says so.
DROP INDEX IF EXISTS "conversations_status_activity_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "conversations_assignee_activity_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "conversations_team_activity_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "conversations_unassigned_activity_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "conversations_agent_activity_idx";--> statement-breakpoint
CREATE INDEX "conversations_status_activity_idx" ON "conversations" USING btree ("workspace_id","status","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) INCLUDE ("assignee_id","team_id","agent_session_id");--> statement-breakpoint
CREATE INDEX "conversations_assignee_activity_idx" ON "conversations" USING btree ("workspace_id","assignee_id","status","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) INCLUDE ("team_id","agent_session_id");--> statement-breakpoint
CREATE INDEX "conversations_team_activity_idx" ON "conversations" USING btree ("workspace_id","team_id","status","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) INCLUDE ("assignee_id","agent_session_id");--> statement-breakpoint
CREATE INDEX "conversations_unassigned_activity_idx" ON "conversations" USING btree ("workspace_id","status","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) INCLUDE ("team_id","agent_session_id") WHERE "conversations"."assignee_id" is null;--> statement-breakpoint
CREATE INDEX "conversations_agent_activity_idx" ON "conversations" USING btree ("workspace_id","status","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) INCLUDE ("assignee_id","team_id") WHERE "conversations"."agent_session_id" is not null;
