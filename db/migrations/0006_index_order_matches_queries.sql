DROP INDEX "conversations_status_activity_idx";--> statement-breakpoint
DROP INDEX "conversations_assignee_activity_idx";--> statement-breakpoint
DROP INDEX "conversations_team_activity_idx";--> statement-breakpoint
DROP INDEX "conversations_unassigned_activity_idx";--> statement-breakpoint
DROP INDEX "conversations_agent_activity_idx";--> statement-breakpoint
CREATE INDEX "conversations_status_activity_idx" ON "conversations" USING btree ("workspace_id","status","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_assignee_activity_idx" ON "conversations" USING btree ("workspace_id","assignee_id","status","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_team_activity_idx" ON "conversations" USING btree ("workspace_id","team_id","status","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_unassigned_activity_idx" ON "conversations" USING btree ("workspace_id","status","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."assignee_id" is null;--> statement-breakpoint
CREATE INDEX "conversations_agent_activity_idx" ON "conversations" USING btree ("workspace_id","status","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."agent_session_id" is not null;