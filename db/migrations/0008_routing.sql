CREATE TABLE "member_status_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"status" "member_status" NOT NULL,
	"accepts_chats" boolean NOT NULL,
	"capacity" integer,
	"actor_member_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_positions" (
	"workspace_id" uuid NOT NULL,
	"pool" text NOT NULL,
	"last_member_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routing_positions_workspace_id_pool_pk" PRIMARY KEY("workspace_id","pool")
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "queued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "open_conversations" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "last_assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "status_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "member_status_changes" ADD CONSTRAINT "member_status_changes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_status_changes" ADD CONSTRAINT "member_status_changes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_status_changes" ADD CONSTRAINT "member_status_changes_actor_member_id_members_id_fk" FOREIGN KEY ("actor_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_positions" ADD CONSTRAINT "routing_positions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_positions" ADD CONSTRAINT "routing_positions_last_member_id_members_id_fk" FOREIGN KEY ("last_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_status_changes_member_idx" ON "member_status_changes" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "conversations_queue_idx" ON "conversations" USING btree ("workspace_id","queued_at","id") WHERE "conversations"."queued_at" is not null;