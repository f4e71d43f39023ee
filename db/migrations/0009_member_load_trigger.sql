-- members.open_conversations and members.last_assigned_at follow every write to
-- conversations (the assignment module, seeds, bulk loads, deletes), so routing reads a
-- member's load in O(1) and it can never drift from a recount.
CREATE OR REPLACE FUNCTION track_member_load() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_counts boolean := false;
  new_counts boolean := false;
  newly_assigned boolean := false;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    old_counts := OLD.assignee_id IS NOT NULL AND OLD.status = 'open';
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_counts := NEW.assignee_id IS NOT NULL AND NEW.status = 'open';
  END IF;
  IF TG_OP = 'UPDATE' AND old_counts AND new_counts AND OLD.assignee_id = NEW.assignee_id THEN
    RETURN NULL;
  END IF;
  IF old_counts THEN
    UPDATE members SET open_conversations = open_conversations - 1 WHERE id = OLD.assignee_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    newly_assigned := NEW.assignee_id IS NOT NULL
      AND (TG_OP = 'INSERT' OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id);
    IF new_counts OR newly_assigned THEN
      UPDATE members SET
        open_conversations = open_conversations + CASE WHEN new_counts THEN 1 ELSE 0 END,
        last_assigned_at = CASE WHEN newly_assigned THEN clock_timestamp() ELSE last_assigned_at END
      WHERE id = NEW.assignee_id;
    END IF;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER conversations_member_load
  AFTER INSERT OR DELETE OR UPDATE OF assignee_id, status ON conversations
  FOR EACH ROW EXECUTE FUNCTION track_member_load();--> statement-breakpoint
UPDATE members m SET open_conversations = sub.n
  FROM (
    SELECT assignee_id, count(*)::int AS n FROM conversations
    WHERE assignee_id IS NOT NULL AND status = 'open' GROUP BY assignee_id
  ) sub
  WHERE m.id = sub.assignee_id;
