ALTER TYPE "public"."email_outbox_status" ADD VALUE 'cancelled';--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "topic" text;--> statement-breakpoint
CREATE INDEX "email_outbox_topic_idx" ON "email_outbox" USING btree ("topic") WHERE "email_outbox"."topic" is not null and "email_outbox"."status" in ('pending', 'sending');