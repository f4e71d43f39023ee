-- Inbox lists name each conversation's assignee and team from a per-process directory of the
-- workspace (lib/conversations/directory.ts) rather than joining members, users and teams for
-- every row of every page. A list reads workspaces.directory_version with its page; these
-- triggers raise it whenever a name it shows may have changed, so a stale copy is never used.
ALTER TABLE "workspaces" ADD COLUMN "directory_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION bump_directory_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'users' THEN
    UPDATE workspaces SET directory_version = directory_version + 1
    WHERE id IN (SELECT workspace_id FROM members WHERE user_id = NEW.id);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE workspaces SET directory_version = directory_version + 1 WHERE id = OLD.workspace_id;
  ELSE
    UPDATE workspaces SET directory_version = directory_version + 1 WHERE id = NEW.workspace_id;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER users_directory_version AFTER UPDATE OF name, email, image ON users
  FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email
    OR OLD.image IS DISTINCT FROM NEW.image)
  EXECUTE FUNCTION bump_directory_version();--> statement-breakpoint
CREATE TRIGGER members_directory_version AFTER INSERT OR DELETE OR UPDATE OF user_id ON members
  FOR EACH ROW EXECUTE FUNCTION bump_directory_version();--> statement-breakpoint
CREATE TRIGGER teams_directory_version AFTER INSERT OR DELETE OR UPDATE OF name ON teams
  FOR EACH ROW EXECUTE FUNCTION bump_directory_version();
