CREATE TABLE "report_agent_replies" (
	"turn_key" text PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"team_id" uuid,
	"channel" "channel" NOT NULL,
	"inbound_at" timestamp with time zone NOT NULL,
	"replied_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_assignments" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"team_id" uuid,
	"channel" "channel" NOT NULL,
	"via" text NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"clock_start_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" text
);
--> statement-breakpoint
CREATE TABLE "report_closes" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"member_id" uuid,
	"team_id" uuid,
	"channel" "channel" NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"first_inbound_at" timestamp with time zone,
	"human_replied" boolean NOT NULL,
	"agent_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_inbound_hours" (
	"workspace_id" uuid NOT NULL,
	"team_key" text NOT NULL,
	"channel_key" text NOT NULL,
	"day" date NOT NULL,
	"hour" smallint NOT NULL,
	"inbound" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_inbound_hours_workspace_id_team_key_channel_key_day_hour_pk" PRIMARY KEY("workspace_id","team_key","channel_key","day","hour")
);
--> statement-breakpoint
CREATE TABLE "report_member_days" (
	"workspace_id" uuid NOT NULL,
	"team_key" text NOT NULL,
	"channel_key" text NOT NULL,
	"day" date NOT NULL,
	"member_id" uuid NOT NULL,
	"messages_sent" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_member_days_workspace_id_team_key_channel_key_day_member_id_pk" PRIMARY KEY("workspace_id","team_key","channel_key","day","member_id")
);
--> statement-breakpoint
CREATE TABLE "report_open_load" (
	"workspace_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"team_key" text NOT NULL,
	"channel" "channel" NOT NULL,
	"open" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_open_load_workspace_id_member_id_team_key_channel_pk" PRIMARY KEY("workspace_id","member_id","team_key","channel")
);
--> statement-breakpoint
ALTER TABLE "report_agent_replies" ADD CONSTRAINT "report_agent_replies_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_agent_replies" ADD CONSTRAINT "report_agent_replies_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_assignments" ADD CONSTRAINT "report_assignments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_assignments" ADD CONSTRAINT "report_assignments_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_assignments" ADD CONSTRAINT "report_assignments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_closes" ADD CONSTRAINT "report_closes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_closes" ADD CONSTRAINT "report_closes_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_closes" ADD CONSTRAINT "report_closes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_inbound_hours" ADD CONSTRAINT "report_inbound_hours_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_member_days" ADD CONSTRAINT "report_member_days_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_member_days" ADD CONSTRAINT "report_member_days_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_open_load" ADD CONSTRAINT "report_open_load_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_open_load" ADD CONSTRAINT "report_open_load_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_agent_replies_range_idx" ON "report_agent_replies" USING btree ("workspace_id","replied_at");--> statement-breakpoint
CREATE INDEX "report_assignments_range_idx" ON "report_assignments" USING btree ("workspace_id","assigned_at","member_id","conversation_id","clock_start_at","first_response_at");--> statement-breakpoint
CREATE INDEX "report_assignments_team_idx" ON "report_assignments" USING btree ("workspace_id","team_id","assigned_at");--> statement-breakpoint
CREATE INDEX "report_assignments_ended_idx" ON "report_assignments" USING btree ("workspace_id","ended_at","member_id") WHERE "report_assignments"."end_reason" in ('reassigned', 'unassigned', 'team_rerouted', 'reset_on_close');--> statement-breakpoint
CREATE INDEX "report_assignments_member_idx" ON "report_assignments" USING btree ("member_id","assigned_at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_assignments_active_idx" ON "report_assignments" USING btree ("conversation_id") WHERE "report_assignments"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "report_closes_range_idx" ON "report_closes" USING btree ("workspace_id","closed_at");--> statement-breakpoint
CREATE INDEX "report_closes_team_idx" ON "report_closes" USING btree ("workspace_id","team_id","closed_at");