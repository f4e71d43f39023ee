-- Reports: a close measures the episode it ends (since the conversation's previous close),
-- not the conversation's whole life: resolution time from the first customer message after
-- the previous close, "a member replied" and the AI agents involved within the same span.
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
CREATE OR REPLACE FUNCTION report_expected_closes(ws uuid)
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
        AND m.author_member_id IS NOT NULL AND m.created_at <= e.created_at
        AND (ep.since IS NULL OR m.created_at > ep.since)),
    array(SELECT DISTINCT s.agent_id FROM agent_sessions s
      WHERE s.conversation_id = e.conversation_id AND s.started_at <= e.created_at
        AND (ep.since IS NULL OR s.started_at > ep.since)
      ORDER BY s.agent_id),
    floor(extract(epoch FROM e.created_at - i.first_inbound_at))::int
  FROM conversation_events e
  JOIN conversations c ON c.id = e.conversation_id
  LEFT JOIN LATERAL report_team_at(e.conversation_id, e.created_at) tm ON true
  CROSS JOIN LATERAL (SELECT max(p.created_at) AS since FROM conversation_events p
      WHERE p.conversation_id = e.conversation_id AND p.type = 'closed'
        AND p.created_at < e.created_at) ep
  CROSS JOIN LATERAL (SELECT min(m.created_at) AS first_inbound_at FROM messages m
      WHERE m.conversation_id = e.conversation_id AND m.kind = 'inbound'
        AND m.created_at <= e.created_at AND (ep.since IS NULL OR m.created_at > ep.since)) i
  WHERE e.workspace_id = ws AND e.type = 'closed'
$$;--> statement-breakpoint
-- Closes recorded before: a conversation's second and later closes measured from its first
-- customer message ever. Each is measured again from its own episode.
WITH later AS (
  SELECT r.event_id, r.conversation_id, r.closed_at,
    (SELECT max(p.created_at) FROM conversation_events p
      WHERE p.conversation_id = r.conversation_id AND p.type = 'closed'
        AND p.created_at < r.closed_at) AS since
  FROM report_closes r
), episode AS (
  SELECT l.event_id, l.since,
    (SELECT min(m.created_at) FROM messages m
      WHERE m.conversation_id = l.conversation_id AND m.kind = 'inbound'
        AND m.created_at <= l.closed_at AND m.created_at > l.since) AS first_inbound_at,
    EXISTS (SELECT 1 FROM messages m
      WHERE m.conversation_id = l.conversation_id AND m.kind = 'outbound'
        AND m.author_member_id IS NOT NULL AND m.created_at <= l.closed_at
        AND m.created_at > l.since) AS human_replied,
    array(SELECT DISTINCT s.agent_id FROM agent_sessions s
      WHERE s.conversation_id = l.conversation_id AND s.started_at <= l.closed_at
        AND s.started_at > l.since
      ORDER BY s.agent_id) AS agent_ids
  FROM later l WHERE l.since IS NOT NULL
)
UPDATE report_closes r
SET first_inbound_at = e.first_inbound_at, human_replied = e.human_replied,
  agent_ids = e.agent_ids,
  resolution_seconds = floor(extract(epoch FROM r.closed_at - e.first_inbound_at))::int
FROM episode e WHERE r.event_id = e.event_id;
