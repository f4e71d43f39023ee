CREATE TABLE "report_response_days" (
	"workspace_id" uuid NOT NULL,
	"team_key" text NOT NULL,
	"channel_key" text NOT NULL,
	"day" date NOT NULL,
	"seconds" integer NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_response_days_workspace_id_team_key_channel_key_day_seconds_pk" PRIMARY KEY("workspace_id","team_key","channel_key","day","seconds")
);
--> statement-breakpoint
DROP INDEX "report_assignments_range_idx";--> statement-breakpoint
DROP INDEX "report_assignments_ended_idx";--> statement-breakpoint
DROP INDEX "report_closes_range_idx";--> statement-breakpoint
ALTER TABLE "report_assignments" ADD COLUMN "response_seconds" integer;--> statement-breakpoint
ALTER TABLE "report_assignments" ADD COLUMN "prev_assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "report_closes" ADD COLUMN "resolution_seconds" integer;--> statement-breakpoint
ALTER TABLE "report_member_days" ADD COLUMN "assigned" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_response_days" ADD CONSTRAINT "report_response_days_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_assignments_conversation_idx" ON "report_assignments" USING btree ("conversation_id","member_id","assigned_at");--> statement-breakpoint
CREATE INDEX "report_assignments_range_idx" ON "report_assignments" USING btree ("workspace_id","assigned_at","member_id","response_seconds","prev_assigned_at");--> statement-breakpoint
CREATE INDEX "report_assignments_ended_idx" ON "report_assignments" USING btree ("workspace_id","ended_at","member_id","team_id","channel") WHERE "report_assignments"."end_reason" in ('reassigned', 'unassigned', 'team_rerouted', 'reset_on_close');--> statement-breakpoint
CREATE INDEX "report_closes_range_idx" ON "report_closes" USING btree ("workspace_id","closed_at","member_id","conversation_id","resolution_seconds");--> statement-breakpoint
-- Stored whole-second durations and each assignment's predecessor (same conversation and
-- member), so a report's scan of a range needs no per-row arithmetic and no DISTINCT sort;
-- per-day counters of distinct assignments and a per-day histogram of first responses, so the
-- charts read a few thousand rows. Counters follow the workspace's time zone, like 0014's.
-- Counters of assignments per local day: one more distinct conversation for the member that
-- day, and one more answer in `seconds` for the day the assignment was made.
CREATE FUNCTION report_count_assignment(ws uuid, team uuid, chan text, d date, member uuid)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO report_member_days AS r (workspace_id, team_key, channel_key, day, member_id, assigned)
  SELECT ws, v.t, v.c, d, member, 1
  FROM (VALUES (coalesce(team::text, '-'), chan), (coalesce(team::text, '-'), '*'), ('*', chan), ('*', '*')) v(t, c)
  ON CONFLICT (workspace_id, team_key, channel_key, day, member_id)
  DO UPDATE SET assigned = r.assigned + 1
$$;--> statement-breakpoint
CREATE FUNCTION report_count_response(ws uuid, team uuid, chan text, d date, secs int)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO report_response_days AS r (workspace_id, team_key, channel_key, day, seconds, answered)
  SELECT ws, v.t, v.c, d, secs, 1
  FROM (VALUES (coalesce(team::text, '-'), chan), (coalesce(team::text, '-'), '*'), ('*', chan), ('*', '*')) v(t, c)
  ON CONFLICT (workspace_id, team_key, channel_key, day, seconds)
  DO UPDATE SET answered = r.answered + 1
$$;--> statement-breakpoint
CREATE FUNCTION report_local_day(ws uuid, t timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT (t AT TIME ZONE w.time_zone)::date FROM workspaces w WHERE w.id = ws
$$;--> statement-breakpoint
-- Ownership events: an assignment starts (assigned, routed) or ends (the next assignment, an
-- unassignment, a team reroute, a reset on close, a release on reopening); a close is recorded
-- with the member who owned the conversation then.
CREATE OR REPLACE FUNCTION report_track_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  conv record;
  member uuid;
  clock timestamptz;
  answered timestamptz;
  previous timestamptz;
  today date;
  taken uuid;
  reason text;
BEGIN
  IF NOT report_rollups_on() THEN RETURN NULL; END IF;
  IF NEW.type IN ('assigned', 'routed') THEN
    member := nullif(NEW.data->>'to', '')::uuid;
    IF member IS NULL THEN RETURN NULL; END IF;
    UPDATE report_assignments SET ended_at = NEW.created_at, end_reason = 'reassigned'
      WHERE conversation_id = NEW.conversation_id AND ended_at IS NULL;
    SELECT team_id, channel INTO conv FROM conversations WHERE id = NEW.conversation_id;
    clock := NEW.created_at;
    IF NEW.data->>'via' = 'self_assign' THEN
      clock := coalesce((SELECT min(m.created_at) FROM messages m
        WHERE m.conversation_id = NEW.conversation_id AND m.kind = 'inbound'
          AND m.created_at <= NEW.created_at), NEW.created_at);
    END IF;
    answered := (SELECT min(m.created_at) FROM messages m
      WHERE m.conversation_id = NEW.conversation_id AND m.kind = 'outbound'
        AND m.author_member_id = member AND m.created_at >= clock);
    previous := (SELECT max(a.assigned_at) FROM report_assignments a
      WHERE a.conversation_id = NEW.conversation_id AND a.member_id = member);
    INSERT INTO report_assignments (event_id, workspace_id, conversation_id, member_id, team_id,
      channel, via, assigned_at, clock_start_at, first_response_at, response_seconds,
      prev_assigned_at)
    VALUES (NEW.id, NEW.workspace_id, NEW.conversation_id, member, conv.team_id, conv.channel,
      CASE WHEN NEW.type = 'routed' THEN 'routing' ELSE coalesce(NEW.data->>'via', 'manual') END,
      NEW.created_at, clock, answered, floor(extract(epoch FROM answered - clock))::int, previous);
    today := report_local_day(NEW.workspace_id, NEW.created_at);
    IF previous IS NULL OR report_local_day(NEW.workspace_id, previous) < today THEN
      PERFORM report_count_assignment(NEW.workspace_id, conv.team_id, conv.channel::text, today, member);
    END IF;
    IF answered IS NOT NULL THEN
      PERFORM report_count_response(NEW.workspace_id, conv.team_id, conv.channel::text, today,
        floor(extract(epoch FROM answered - clock))::int);
    END IF;
    RETURN NULL;
  END IF;
  IF NEW.type = 'closed' THEN
    SELECT team_id, channel INTO conv FROM conversations WHERE id = NEW.conversation_id;
    IF NEW.data ? 'assigneeId' THEN
      member := nullif(NEW.data->>'assigneeId', '')::uuid;
    ELSE
      member := coalesce(nullif(NEW.data->>'unassigned', '')::uuid,
        (SELECT a.member_id FROM report_assignments a
          WHERE a.conversation_id = NEW.conversation_id AND a.ended_at IS NULL));
    END IF;
    clock := (SELECT min(m.created_at) FROM messages m
      WHERE m.conversation_id = NEW.conversation_id AND m.kind = 'inbound'
        AND m.created_at <= NEW.created_at);
    INSERT INTO report_closes (event_id, workspace_id, conversation_id, member_id, team_id,
      channel, closed_at, first_inbound_at, human_replied, agent_ids, resolution_seconds)
    VALUES (NEW.id, NEW.workspace_id, NEW.conversation_id, member, conv.team_id, conv.channel,
      NEW.created_at, clock,
      EXISTS (SELECT 1 FROM messages m
        WHERE m.conversation_id = NEW.conversation_id AND m.kind = 'outbound'
          AND m.author_member_id IS NOT NULL AND m.created_at <= NEW.created_at),
      array(SELECT DISTINCT s.agent_id FROM agent_sessions s
        WHERE s.conversation_id = NEW.conversation_id AND s.started_at <= NEW.created_at
        ORDER BY s.agent_id),
      floor(extract(epoch FROM NEW.created_at - clock))::int);
    taken := nullif(NEW.data->>'unassigned', '')::uuid;
    reason := 'reset_on_close';
  ELSIF NEW.type = 'unassigned' THEN
    taken := nullif(NEW.data->>'from', '')::uuid;
    reason := 'unassigned';
  ELSIF NEW.type = 'team_assigned' THEN
    taken := nullif(NEW.data->>'unassigned', '')::uuid;
    reason := 'team_rerouted';
  ELSIF NEW.type = 'reopened' THEN
    taken := nullif(NEW.data->>'released', '')::uuid;
    reason := 'released';
  END IF;
  IF taken IS NOT NULL THEN
    UPDATE report_assignments SET ended_at = NEW.created_at, end_reason = reason
      WHERE conversation_id = NEW.conversation_id AND ended_at IS NULL AND member_id = taken;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_track_reply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  fact record;
BEGIN
  IF NOT report_rollups_on() THEN RETURN NULL; END IF;
  UPDATE report_assignments SET first_response_at = NEW.created_at,
      response_seconds = floor(extract(epoch FROM NEW.created_at - clock_start_at))::int
    WHERE conversation_id = NEW.conversation_id AND member_id = NEW.author_member_id
      AND ended_at IS NULL AND first_response_at IS NULL AND clock_start_at <= NEW.created_at
    RETURNING workspace_id, team_id, channel, assigned_at, response_seconds INTO fact;
  IF FOUND THEN
    PERFORM report_count_response(fact.workspace_id, fact.team_id, fact.channel::text,
      report_local_day(fact.workspace_id, fact.assigned_at), fact.response_seconds);
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
DROP FUNCTION report_expected_member_days(uuid);--> statement-breakpoint
DROP FUNCTION report_expected_closes(uuid);--> statement-breakpoint
DROP FUNCTION report_expected_assignments(uuid);--> statement-breakpoint
CREATE FUNCTION report_expected_assignments(ws uuid)
RETURNS TABLE (event_id uuid, workspace_id uuid, conversation_id uuid, member_id uuid,
  team_id uuid, channel channel, via text, assigned_at timestamptz, clock_start_at timestamptz,
  first_response_at timestamptz, ended_at timestamptz, end_reason text, response_seconds int,
  prev_assigned_at timestamptz)
LANGUAGE sql STABLE AS $$
  WITH starts AS (
    SELECT e.id, e.conversation_id, (e.data->>'to')::uuid AS member_id, e.created_at,
      CASE WHEN e.type = 'routed' THEN 'routing' ELSE coalesce(e.data->>'via', 'manual') END AS via
    FROM conversation_events e
    WHERE e.workspace_id = ws AND e.type IN ('assigned', 'routed')
      AND nullif(e.data->>'to', '') IS NOT NULL
  ),
  timed AS (
    SELECT s.*, x.created_at AS ended_at, x.reason,
      CASE WHEN s.via = 'self_assign' THEN coalesce((SELECT min(m.created_at) FROM messages m
        WHERE m.conversation_id = s.conversation_id AND m.kind = 'inbound'
          AND m.created_at <= s.created_at), s.created_at) ELSE s.created_at END AS clock
    FROM starts s
    LEFT JOIN LATERAL (
      SELECT e.created_at,
        CASE e.type WHEN 'assigned' THEN 'reassigned' WHEN 'routed' THEN 'reassigned'
          WHEN 'unassigned' THEN 'unassigned' WHEN 'team_assigned' THEN 'team_rerouted'
          WHEN 'closed' THEN 'reset_on_close' ELSE 'released' END AS reason
      FROM conversation_events e
      WHERE e.conversation_id = s.conversation_id AND e.created_at > s.created_at
        AND ((e.type IN ('assigned', 'routed') AND nullif(e.data->>'to', '') IS NOT NULL)
          OR (e.type = 'unassigned' AND e.data->>'from' = s.member_id::text)
          OR (e.type IN ('team_assigned', 'closed') AND e.data->>'unassigned' = s.member_id::text)
          OR (e.type = 'reopened' AND e.data->>'released' = s.member_id::text))
      ORDER BY e.created_at,
        CASE WHEN e.type IN ('assigned', 'routed') THEN 1 ELSE 0 END
      LIMIT 1
    ) x ON true
  )
  SELECT t.id, ws, t.conversation_id, t.member_id,
    CASE WHEN tm.found THEN tm.team_id ELSE c.team_id END,
    c.channel, t.via, t.created_at, t.clock, r.answered, t.ended_at, t.reason,
    floor(extract(epoch FROM r.answered - t.clock))::int,
    lag(t.created_at) OVER (PARTITION BY t.conversation_id, t.member_id ORDER BY t.created_at, t.id)
  FROM timed t
  JOIN conversations c ON c.id = t.conversation_id
  LEFT JOIN LATERAL report_team_at(t.conversation_id, t.created_at) tm ON true
  CROSS JOIN LATERAL (SELECT min(m.created_at) AS answered FROM messages m
      WHERE m.conversation_id = t.conversation_id AND m.kind = 'outbound'
        AND m.author_member_id = t.member_id AND m.created_at >= t.clock
        AND (t.ended_at IS NULL OR m.created_at < t.ended_at)) r
$$;--> statement-breakpoint
CREATE FUNCTION report_expected_closes(ws uuid)
RETURNS TABLE (event_id uuid, workspace_id uuid, conversation_id uuid, member_id uuid,
  team_id uuid, channel channel, closed_at timestamptz, first_inbound_at timestamptz,
  human_replied boolean, agent_ids uuid[], resolution_seconds int)
LANGUAGE sql STABLE AS $$
  SELECT e.id, ws, e.conversation_id,
    CASE WHEN e.data ? 'assigneeId' THEN nullif(e.data->>'assigneeId', '')::uuid
      ELSE coalesce(nullif(e.data->>'unassigned', '')::uuid,
        -- Closes recorded before `assigneeId` was: the owner from the latest ownership change.
        (SELECT CASE WHEN o.type IN ('assigned', 'routed') THEN nullif(o.data->>'to', '')::uuid END
          FROM conversation_events o
          WHERE o.conversation_id = e.conversation_id AND o.created_at <= e.created_at
            AND o.id <> e.id
            AND (o.type IN ('assigned', 'routed', 'unassigned')
              OR (o.type IN ('team_assigned', 'closed') AND o.data ? 'unassigned')
              OR (o.type = 'reopened' AND o.data ? 'released'))
          ORDER BY o.created_at DESC LIMIT 1)) END,
    CASE WHEN tm.found THEN tm.team_id ELSE c.team_id END,
    c.channel, e.created_at, i.first_inbound_at,
    EXISTS (SELECT 1 FROM messages m
      WHERE m.conversation_id = e.conversation_id AND m.kind = 'outbound'
        AND m.author_member_id IS NOT NULL AND m.created_at <= e.created_at),
    array(SELECT DISTINCT s.agent_id FROM agent_sessions s
      WHERE s.conversation_id = e.conversation_id AND s.started_at <= e.created_at
      ORDER BY s.agent_id),
    floor(extract(epoch FROM e.created_at - i.first_inbound_at))::int
  FROM conversation_events e
  JOIN conversations c ON c.id = e.conversation_id
  LEFT JOIN LATERAL report_team_at(e.conversation_id, e.created_at) tm ON true
  CROSS JOIN LATERAL (SELECT min(m.created_at) AS first_inbound_at FROM messages m
      WHERE m.conversation_id = e.conversation_id AND m.kind = 'inbound'
        AND m.created_at <= e.created_at) i
  WHERE e.workspace_id = ws AND e.type = 'closed'
$$;--> statement-breakpoint
CREATE FUNCTION report_expected_member_days(ws uuid)
RETURNS TABLE (workspace_id uuid, team_key text, channel_key text, day date, member_id uuid,
  messages_sent int, assigned int)
LANGUAGE sql STABLE AS $$
  WITH zone AS (SELECT time_zone FROM workspaces WHERE id = ws),
  counted AS (
    SELECT m.team_key, m.channel, m.day, m.member_id, 1 AS sent, 0 AS assigned
    FROM report_expected_messages(ws) m WHERE m.kind = 'outbound'
    UNION ALL
    SELECT coalesce(a.team_id::text, '-'), a.channel::text,
      (a.assigned_at AT TIME ZONE z.time_zone)::date, a.member_id, 0, 1
    FROM report_expected_assignments(ws) a CROSS JOIN zone z
    WHERE a.prev_assigned_at IS NULL
      OR (a.prev_assigned_at AT TIME ZONE z.time_zone)::date < (a.assigned_at AT TIME ZONE z.time_zone)::date
  )
  SELECT ws, v.t, v.c, k.day, k.member_id, sum(k.sent)::int, sum(k.assigned)::int
  FROM counted k
  CROSS JOIN LATERAL (VALUES (k.team_key, k.channel), (k.team_key, '*'), ('*', k.channel), ('*', '*')) v(t, c)
  GROUP BY v.t, v.c, k.day, k.member_id
$$;--> statement-breakpoint
CREATE FUNCTION report_expected_response_days(ws uuid)
RETURNS TABLE (workspace_id uuid, team_key text, channel_key text, day date, seconds int,
  answered int)
LANGUAGE sql STABLE AS $$
  SELECT ws, v.t, v.c, (a.assigned_at AT TIME ZONE z.time_zone)::date, a.response_seconds,
    count(*)::int
  FROM report_expected_assignments(ws) a
  CROSS JOIN (SELECT time_zone FROM workspaces WHERE id = ws) z
  CROSS JOIN LATERAL (VALUES (coalesce(a.team_id::text, '-'), a.channel::text),
    (coalesce(a.team_id::text, '-'), '*'), ('*', a.channel::text), ('*', '*')) v(t, c)
  WHERE a.response_seconds IS NOT NULL
  GROUP BY v.t, v.c, 4, a.response_seconds
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_rebuild_counters(ws uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM report_member_days WHERE workspace_id = ws;
  DELETE FROM report_inbound_hours WHERE workspace_id = ws;
  DELETE FROM report_response_days WHERE workspace_id = ws;
  INSERT INTO report_member_days SELECT * FROM report_expected_member_days(ws);
  INSERT INTO report_inbound_hours SELECT * FROM report_expected_inbound_hours(ws);
  INSERT INTO report_response_days SELECT * FROM report_expected_response_days(ws);
END;
$$;--> statement-breakpoint
SELECT report_rebuild(id) FROM workspaces;
