-- Report rollups (db/schema/reports.ts), kept by triggers in the transaction of every change,
-- whichever code path writes it: events, messages, conversations, agent turns. Each table has a
-- report_expected_* function that recomputes it from the history (conversation_events,
-- messages, agent_sessions, agent_turns); report_rebuild() refills a workspace from them (bulk
-- loads, a time-zone change), and the integration test proves trigger == recomputation.
-- A session that sets switchboard.report_rollups = 'off' (a bulk load) skips the triggers and
-- calls report_rebuild() afterwards.
CREATE FUNCTION report_rollups_on() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('switchboard.report_rollups', true), '') <> 'off'
$$;--> statement-breakpoint

-- Ownership events: an assignment starts (assigned, routed) or ends (the next assignment, an
-- unassignment, a team reroute, a reset on close, a release on reopening); a close is recorded
-- with the member who owned the conversation then.
CREATE FUNCTION report_track_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  conv record;
  member uuid;
  clock timestamptz;
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
    INSERT INTO report_assignments (event_id, workspace_id, conversation_id, member_id, team_id,
      channel, via, assigned_at, clock_start_at, first_response_at)
    VALUES (NEW.id, NEW.workspace_id, NEW.conversation_id, member, conv.team_id, conv.channel,
      CASE WHEN NEW.type = 'routed' THEN 'routing' ELSE coalesce(NEW.data->>'via', 'manual') END,
      NEW.created_at, clock,
      (SELECT min(m.created_at) FROM messages m
        WHERE m.conversation_id = NEW.conversation_id AND m.kind = 'outbound'
          AND m.author_member_id = member AND m.created_at >= clock));
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
    INSERT INTO report_closes (event_id, workspace_id, conversation_id, member_id, team_id,
      channel, closed_at, first_inbound_at, human_replied, agent_ids)
    VALUES (NEW.id, NEW.workspace_id, NEW.conversation_id, member, conv.team_id, conv.channel,
      NEW.created_at,
      (SELECT min(m.created_at) FROM messages m
        WHERE m.conversation_id = NEW.conversation_id AND m.kind = 'inbound'
          AND m.created_at <= NEW.created_at),
      EXISTS (SELECT 1 FROM messages m
        WHERE m.conversation_id = NEW.conversation_id AND m.kind = 'outbound'
          AND m.author_member_id IS NOT NULL AND m.created_at <= NEW.created_at),
      array(SELECT DISTINCT s.agent_id FROM agent_sessions s
        WHERE s.conversation_id = NEW.conversation_id AND s.started_at <= NEW.created_at
        ORDER BY s.agent_id));
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
CREATE TRIGGER conversation_events_report
  AFTER INSERT ON conversation_events
  FOR EACH ROW EXECUTE FUNCTION report_track_event();--> statement-breakpoint

-- A member's reply answers their running assignment (first response).
CREATE FUNCTION report_track_reply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT report_rollups_on() THEN RETURN NULL; END IF;
  UPDATE report_assignments SET first_response_at = NEW.created_at
    WHERE conversation_id = NEW.conversation_id AND member_id = NEW.author_member_id
      AND ended_at IS NULL AND first_response_at IS NULL AND clock_start_at <= NEW.created_at;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER messages_report_reply
  AFTER INSERT ON messages
  FOR EACH ROW WHEN (NEW.kind = 'outbound' AND NEW.author_member_id IS NOT NULL)
  EXECUTE FUNCTION report_track_reply();--> statement-breakpoint

-- Message counters, per local day in the workspace's time zone. Deferred to commit: the
-- all-teams rows are shared by every message of a workspace's hour, so their row locks are held
-- for the commit only, not for the whole transaction.
CREATE FUNCTION report_count_message() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  conv record;
  at_local timestamp;
  tkey text;
BEGIN
  IF NOT report_rollups_on() THEN RETURN NULL; END IF;
  SELECT c.team_id, c.channel::text AS channel, w.time_zone INTO conv
    FROM conversations c JOIN workspaces w ON w.id = c.workspace_id
    WHERE c.id = NEW.conversation_id;
  IF NOT FOUND THEN RETURN NULL; END IF;
  at_local := NEW.created_at AT TIME ZONE conv.time_zone;
  tkey := coalesce(conv.team_id::text, '-');
  IF NEW.kind = 'inbound' THEN
    INSERT INTO report_inbound_hours AS r (workspace_id, team_key, channel_key, day, hour, inbound)
      SELECT NEW.workspace_id, v.t, v.c, at_local::date, extract(hour FROM at_local)::smallint, 1
      FROM (VALUES (tkey, conv.channel), (tkey, '*'), ('*', conv.channel), ('*', '*')) v(t, c)
      ON CONFLICT (workspace_id, team_key, channel_key, day, hour)
      DO UPDATE SET inbound = r.inbound + 1;
  ELSE
    INSERT INTO report_member_days AS r (workspace_id, team_key, channel_key, day, member_id, messages_sent)
      SELECT NEW.workspace_id, v.t, v.c, at_local::date, NEW.author_member_id, 1
      FROM (VALUES (tkey, conv.channel), (tkey, '*'), ('*', conv.channel), ('*', '*')) v(t, c)
      ON CONFLICT (workspace_id, team_key, channel_key, day, member_id)
      DO UPDATE SET messages_sent = r.messages_sent + 1;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER messages_report_counts
  AFTER INSERT ON messages
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW.kind = 'inbound' OR (NEW.kind = 'outbound' AND NEW.author_member_id IS NOT NULL))
  EXECUTE FUNCTION report_count_message();--> statement-breakpoint

-- Open conversations per member, team and channel, like members.open_conversations (0009).
CREATE FUNCTION report_track_open_load() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_counts boolean := false;
  new_counts boolean := false;
BEGIN
  IF NOT report_rollups_on() THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN
    old_counts := OLD.assignee_id IS NOT NULL AND OLD.status = 'open';
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_counts := NEW.assignee_id IS NOT NULL AND NEW.status = 'open';
  END IF;
  IF TG_OP = 'UPDATE' AND old_counts AND new_counts AND OLD.assignee_id = NEW.assignee_id
    AND OLD.team_id IS NOT DISTINCT FROM NEW.team_id THEN
    RETURN NULL;
  END IF;
  IF old_counts THEN
    UPDATE report_open_load SET open = open - 1
      WHERE workspace_id = OLD.workspace_id AND member_id = OLD.assignee_id
        AND team_key = coalesce(OLD.team_id::text, '-') AND channel = OLD.channel;
  END IF;
  IF new_counts THEN
    INSERT INTO report_open_load AS r (workspace_id, member_id, team_key, channel, open)
      VALUES (NEW.workspace_id, NEW.assignee_id, coalesce(NEW.team_id::text, '-'), NEW.channel, 1)
      ON CONFLICT (workspace_id, member_id, team_key, channel) DO UPDATE SET open = r.open + 1;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER conversations_report_open_load
  AFTER INSERT OR DELETE OR UPDATE OF assignee_id, status, team_id ON conversations
  FOR EACH ROW EXECUTE FUNCTION report_track_open_load();--> statement-breakpoint

-- An AI agent's answer to a customer's message (not its initial greeting).
CREATE FUNCTION report_track_agent_reply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT report_rollups_on() THEN RETURN NULL; END IF;
  INSERT INTO report_agent_replies (turn_key, workspace_id, agent_id, conversation_id, team_id,
    channel, inbound_at, replied_at)
  SELECT NEW.key, NEW.workspace_id, s.agent_id, NEW.conversation_id, c.team_id, c.channel,
    i.created_at, r.created_at
  FROM agent_sessions s, conversations c, messages i, messages r
  WHERE s.id = NEW.session_id AND c.id = NEW.conversation_id
    AND i.id = NEW.inbound_message_id AND r.id = NEW.reply_message_id
  ON CONFLICT (turn_key) DO NOTHING;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER agent_turns_report_reply
  AFTER INSERT OR UPDATE OF reply_message_id ON agent_turns
  FOR EACH ROW WHEN (NEW.reply_message_id IS NOT NULL AND NEW.inbound_message_id IS NOT NULL)
  EXECUTE FUNCTION report_track_agent_reply();--> statement-breakpoint

-- Handoffs are counted by when the session ended.
CREATE INDEX "agent_sessions_ended_idx" ON "agent_sessions" ("workspace_id", "ended_at")
  WHERE "ended_at" IS NOT NULL;--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- Recomputation from the history. A conversation's team at an instant is the one its latest
-- team event (created, team_assigned, team_unassigned) at or before it names; a conversation
-- without team events keeps its current team (`found` is false). One index probe per row, so a
-- rebuild's cost grows with the rows, whatever plan is chosen.
CREATE FUNCTION report_team_at(conv uuid, t timestamptz)
RETURNS TABLE (found boolean, team_id uuid)
LANGUAGE sql STABLE AS $$
  SELECT true,
    CASE WHEN e.type = 'team_unassigned' THEN NULL
         WHEN e.type = 'created' THEN nullif(e.data->>'teamId', '')::uuid
         ELSE nullif(e.data->>'to', '')::uuid END
  FROM conversation_events e
  WHERE e.conversation_id = conv AND e.type IN ('created', 'team_assigned', 'team_unassigned')
    AND e.created_at <= t
  ORDER BY e.created_at DESC, e.id DESC
  LIMIT 1
$$;--> statement-breakpoint

CREATE FUNCTION report_expected_assignments(ws uuid)
RETURNS TABLE (event_id uuid, workspace_id uuid, conversation_id uuid, member_id uuid,
  team_id uuid, channel channel, via text, assigned_at timestamptz, clock_start_at timestamptz,
  first_response_at timestamptz, ended_at timestamptz, end_reason text)
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
    c.channel, t.via, t.created_at, t.clock,
    (SELECT min(m.created_at) FROM messages m
      WHERE m.conversation_id = t.conversation_id AND m.kind = 'outbound'
        AND m.author_member_id = t.member_id AND m.created_at >= t.clock
        AND (t.ended_at IS NULL OR m.created_at < t.ended_at)),
    t.ended_at, t.reason
  FROM timed t
  JOIN conversations c ON c.id = t.conversation_id
  LEFT JOIN LATERAL report_team_at(t.conversation_id, t.created_at) tm ON true
$$;--> statement-breakpoint

CREATE FUNCTION report_expected_closes(ws uuid)
RETURNS TABLE (event_id uuid, workspace_id uuid, conversation_id uuid, member_id uuid,
  team_id uuid, channel channel, closed_at timestamptz, first_inbound_at timestamptz,
  human_replied boolean, agent_ids uuid[])
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
    c.channel, e.created_at,
    (SELECT min(m.created_at) FROM messages m
      WHERE m.conversation_id = e.conversation_id AND m.kind = 'inbound'
        AND m.created_at <= e.created_at),
    EXISTS (SELECT 1 FROM messages m
      WHERE m.conversation_id = e.conversation_id AND m.kind = 'outbound'
        AND m.author_member_id IS NOT NULL AND m.created_at <= e.created_at),
    array(SELECT DISTINCT s.agent_id FROM agent_sessions s
      WHERE s.conversation_id = e.conversation_id AND s.started_at <= e.created_at
      ORDER BY s.agent_id)
  FROM conversation_events e
  JOIN conversations c ON c.id = e.conversation_id
  LEFT JOIN LATERAL report_team_at(e.conversation_id, e.created_at) tm ON true
  WHERE e.workspace_id = ws AND e.type = 'closed'
$$;--> statement-breakpoint

-- Counted messages with their local day and hour and the team they were written under.
CREATE FUNCTION report_expected_messages(ws uuid)
RETURNS TABLE (kind message_kind, member_id uuid, team_key text, channel text, day date,
  hour smallint)
LANGUAGE sql STABLE AS $$
  WITH zone AS (SELECT time_zone FROM workspaces WHERE id = ws)
  SELECT m.kind, m.author_member_id,
    coalesce((CASE WHEN tm.found THEN tm.team_id ELSE c.team_id END)::text, '-'),
    c.channel::text,
    (m.created_at AT TIME ZONE z.time_zone)::date,
    extract(hour FROM m.created_at AT TIME ZONE z.time_zone)::smallint
  FROM messages m
  CROSS JOIN zone z
  JOIN conversations c ON c.id = m.conversation_id
  LEFT JOIN LATERAL report_team_at(m.conversation_id, m.created_at) tm ON true
  WHERE m.workspace_id = ws
    AND (m.kind = 'inbound' OR (m.kind = 'outbound' AND m.author_member_id IS NOT NULL))
$$;--> statement-breakpoint

CREATE FUNCTION report_expected_member_days(ws uuid)
RETURNS TABLE (workspace_id uuid, team_key text, channel_key text, day date, member_id uuid,
  messages_sent int)
LANGUAGE sql STABLE AS $$
  SELECT ws, v.t, v.c, m.day, m.member_id, count(*)::int
  FROM report_expected_messages(ws) m
  CROSS JOIN LATERAL (VALUES (m.team_key, m.channel), (m.team_key, '*'), ('*', m.channel), ('*', '*')) v(t, c)
  WHERE m.kind = 'outbound'
  GROUP BY v.t, v.c, m.day, m.member_id
$$;--> statement-breakpoint

CREATE FUNCTION report_expected_inbound_hours(ws uuid)
RETURNS TABLE (workspace_id uuid, team_key text, channel_key text, day date, hour smallint,
  inbound int)
LANGUAGE sql STABLE AS $$
  SELECT ws, v.t, v.c, m.day, m.hour, count(*)::int
  FROM report_expected_messages(ws) m
  CROSS JOIN LATERAL (VALUES (m.team_key, m.channel), (m.team_key, '*'), ('*', m.channel), ('*', '*')) v(t, c)
  WHERE m.kind = 'inbound'
  GROUP BY v.t, v.c, m.day, m.hour
$$;--> statement-breakpoint

CREATE FUNCTION report_expected_open_load(ws uuid)
RETURNS TABLE (workspace_id uuid, member_id uuid, team_key text, channel channel, open int)
LANGUAGE sql STABLE AS $$
  SELECT ws, c.assignee_id, coalesce(c.team_id::text, '-'), c.channel, count(*)::int
  FROM conversations c
  WHERE c.workspace_id = ws AND c.status = 'open' AND c.assignee_id IS NOT NULL
  GROUP BY c.assignee_id, c.team_id, c.channel
$$;--> statement-breakpoint

CREATE FUNCTION report_expected_agent_replies(ws uuid)
RETURNS TABLE (turn_key text, workspace_id uuid, agent_id uuid, conversation_id uuid,
  team_id uuid, channel channel, inbound_at timestamptz, replied_at timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT t.key, ws, s.agent_id, t.conversation_id,
    CASE WHEN tm.found THEN tm.team_id ELSE c.team_id END,
    c.channel, i.created_at, r.created_at
  FROM agent_turns t
  JOIN agent_sessions s ON s.id = t.session_id
  JOIN conversations c ON c.id = t.conversation_id
  JOIN messages i ON i.id = t.inbound_message_id
  JOIN messages r ON r.id = t.reply_message_id
  LEFT JOIN LATERAL report_team_at(t.conversation_id, r.created_at) tm ON true
  WHERE t.workspace_id = ws
$$;--> statement-breakpoint

-- The counters depend on the workspace's time zone; the facts hold instants only.
CREATE FUNCTION report_rebuild_counters(ws uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM report_member_days WHERE workspace_id = ws;
  DELETE FROM report_inbound_hours WHERE workspace_id = ws;
  INSERT INTO report_member_days SELECT * FROM report_expected_member_days(ws);
  INSERT INTO report_inbound_hours SELECT * FROM report_expected_inbound_hours(ws);
END;
$$;--> statement-breakpoint

CREATE FUNCTION report_rebuild(ws uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM report_assignments WHERE workspace_id = ws;
  DELETE FROM report_closes WHERE workspace_id = ws;
  DELETE FROM report_open_load WHERE workspace_id = ws;
  DELETE FROM report_agent_replies WHERE workspace_id = ws;
  INSERT INTO report_assignments SELECT * FROM report_expected_assignments(ws);
  INSERT INTO report_closes SELECT * FROM report_expected_closes(ws);
  INSERT INTO report_open_load SELECT * FROM report_expected_open_load(ws);
  INSERT INTO report_agent_replies SELECT * FROM report_expected_agent_replies(ws);
  PERFORM report_rebuild_counters(ws);
END;
$$;--> statement-breakpoint

CREATE FUNCTION report_time_zone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF report_rollups_on() THEN PERFORM report_rebuild_counters(NEW.id); END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER workspaces_report_time_zone
  AFTER UPDATE OF time_zone ON workspaces
  FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone)
  EXECUTE FUNCTION report_time_zone_changed();--> statement-breakpoint

-- Workspaces that already have history.
SELECT report_rebuild(id) FROM workspaces;
