-- A member who becomes the assignee by replying first (self-assign) had their first response
-- timed from the conversation's first customer message ever: after a close, the customer's
-- return weeks later counted weeks; after an AI agent's session, the time the AI was handling
-- it counted too. The clock now starts at the customer's first message of the current episode
-- (after the latest close), or when the AI agent's session ended, whichever is later.
CREATE FUNCTION report_self_assign_clock(conv uuid, at timestamptz)
RETURNS timestamptz LANGUAGE sql STABLE AS $$
  WITH episode AS (
    SELECT max(e.created_at) AS since FROM conversation_events e
    WHERE e.conversation_id = conv AND e.type = 'closed' AND e.created_at < at
  )
  SELECT coalesce(greatest(
    (SELECT min(m.created_at) FROM messages m, episode p
      WHERE m.conversation_id = conv AND m.kind = 'inbound' AND m.created_at <= at
        AND (p.since IS NULL OR m.created_at > p.since)),
    (SELECT max(e.created_at) FROM conversation_events e, episode p
      WHERE e.conversation_id = conv AND e.type = 'agent_session_ended' AND e.created_at <= at
        AND (p.since IS NULL OR e.created_at > p.since))), at)
$$;--> statement-breakpoint
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
  since timestamptz;
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
      clock := report_self_assign_clock(NEW.conversation_id, NEW.created_at);
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
    -- A close ends the conversation's latest episode: since its previous close, if any. A
    -- conversation reopened a month later and closed in five minutes was resolved in five.
    since := (SELECT max(p.created_at) FROM conversation_events p
      WHERE p.conversation_id = NEW.conversation_id AND p.type = 'closed'
        AND p.created_at < NEW.created_at);
    clock := (SELECT min(m.created_at) FROM messages m
      WHERE m.conversation_id = NEW.conversation_id AND m.kind = 'inbound'
        AND m.created_at <= NEW.created_at AND (since IS NULL OR m.created_at > since));
    INSERT INTO report_closes (event_id, workspace_id, conversation_id, member_id, team_id,
      channel, closed_at, first_inbound_at, human_replied, agent_ids, resolution_seconds)
    VALUES (NEW.id, NEW.workspace_id, NEW.conversation_id, member, conv.team_id, conv.channel,
      NEW.created_at, clock,
      EXISTS (SELECT 1 FROM messages m
        WHERE m.conversation_id = NEW.conversation_id AND m.kind = 'outbound'
          AND m.author_member_id IS NOT NULL AND m.created_at <= NEW.created_at
          AND (since IS NULL OR m.created_at > since)),
      array(SELECT DISTINCT s.agent_id FROM agent_sessions s
        WHERE s.conversation_id = NEW.conversation_id AND s.started_at <= NEW.created_at
          AND (since IS NULL OR s.started_at > since)
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
CREATE OR REPLACE FUNCTION report_expected_assignments(ws uuid)
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
      CASE WHEN s.via = 'self_assign' THEN report_self_assign_clock(s.conversation_id, s.created_at)
        ELSE s.created_at END AS clock
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
-- Self-assignments recorded before: timed again from their own episode, and the response-time
-- counters of the workspaces where one changed rebuilt from the facts' recomputation.
WITH fixed AS (
  SELECT r.event_id, report_self_assign_clock(r.conversation_id, r.assigned_at) AS clock
  FROM report_assignments r WHERE r.via = 'self_assign'
), answered AS (
  SELECT f.event_id, f.clock,
    (SELECT min(m.created_at) FROM messages m
      WHERE m.conversation_id = r.conversation_id AND m.kind = 'outbound'
        AND m.author_member_id = r.member_id AND m.created_at >= f.clock
        AND (r.ended_at IS NULL OR m.created_at < r.ended_at)) AS at
  FROM fixed f JOIN report_assignments r ON r.event_id = f.event_id
  WHERE f.clock IS DISTINCT FROM r.clock_start_at
), changed AS (
  UPDATE report_assignments r
  SET clock_start_at = a.clock, first_response_at = a.at,
    response_seconds = floor(extract(epoch FROM a.at - a.clock))::int
  FROM answered a WHERE r.event_id = a.event_id
  RETURNING r.workspace_id
)
SELECT report_rebuild_counters(w.ws) FROM (SELECT DISTINCT workspace_id AS ws FROM changed) w;
