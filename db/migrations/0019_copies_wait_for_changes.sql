-- Two copies kept by triggers (migrations 0017 and 0018) could miss a change committed
-- alongside the write that copies:
--   * a conversation created while its contact's details change copied the old details (the
--     contact's trigger could not see the uncommitted conversation, the conversation's trigger
--     could not see the uncommitted details), and kept them;
--   * a member added while their user is renamed raised the directory version before the new
--     name committed, and the rename, not seeing the uncommitted membership, raised nothing:
--     a directory read in between kept the old name.
-- Now the copying write locks the row it copies from, so the two wait for each other: the one
-- that goes second sees what the first committed. Both locks are FOR NO KEY UPDATE, the lock
-- the change itself takes, so a transaction that copies and then changes the same row never
-- has to upgrade a weaker lock (which two such transactions would deadlock on).
CREATE OR REPLACE FUNCTION conversation_takes_contact() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT name, email, phone INTO NEW.contact_name, NEW.contact_email, NEW.contact_phone
  FROM contacts WHERE id = NEW.contact_id
  FOR NO KEY UPDATE;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION bump_directory_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'users' THEN
    UPDATE workspaces SET directory_version = directory_version + 1
    WHERE id IN (SELECT workspace_id FROM members WHERE user_id = NEW.id);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE workspaces SET directory_version = directory_version + 1 WHERE id = OLD.workspace_id;
  ELSE
    IF TG_TABLE_NAME = 'members' THEN
      PERFORM 1 FROM users WHERE id = NEW.user_id FOR NO KEY UPDATE;
    END IF;
    UPDATE workspaces SET directory_version = directory_version + 1 WHERE id = NEW.workspace_id;
  END IF;
  RETURN NULL;
END;
$$;
