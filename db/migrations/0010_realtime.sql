CREATE TYPE "public"."notification_scope" AS ENUM('all', 'unassigned_and_mine', 'mine');--> statement-breakpoint
CREATE TABLE "realtime_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "realtime_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"audience" jsonb NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"relayed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "last_seen_live_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "notify_scope" "notification_scope" DEFAULT 'unassigned_and_mine' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "desktop_notifications" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "notification_sound" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "email_on_assignment" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "auto_away" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "realtime_events" ADD CONSTRAINT "realtime_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "realtime_events_workspace_idx" ON "realtime_events" USING btree ("workspace_id","id");--> statement-breakpoint
CREATE INDEX "realtime_events_created_idx" ON "realtime_events" USING btree ("created_at");