-- An inbox row shows its contact's name (or email, or phone): conversations carry a copy, so
-- a page of them is read without probing contacts once per row. Triggers keep the copy: a
-- conversation takes its contact's details when created or moved to another contact, and a
-- change to a contact's details reaches all of its conversations in the same transaction.
ALTER TABLE "conversations" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "contact_phone" text;--> statement-breakpoint
CREATE OR REPLACE FUNCTION conversation_takes_contact() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT name, email, phone INTO NEW.contact_name, NEW.contact_email, NEW.contact_phone
  FROM contacts WHERE id = NEW.contact_id;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER conversations_contact_details BEFORE INSERT OR UPDATE OF contact_id ON conversations
  FOR EACH ROW EXECUTE FUNCTION conversation_takes_contact();--> statement-breakpoint
CREATE OR REPLACE FUNCTION contact_reaches_conversations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE conversations
  SET contact_name = NEW.name, contact_email = NEW.email, contact_phone = NEW.phone
  WHERE contact_id = NEW.id;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER contacts_conversation_details AFTER UPDATE OF name, email, phone ON contacts
  FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email
    OR OLD.phone IS DISTINCT FROM NEW.phone)
  EXECUTE FUNCTION contact_reaches_conversations();--> statement-breakpoint
UPDATE conversations c
SET contact_name = ct.name, contact_email = ct.email, contact_phone = ct.phone
FROM contacts ct
WHERE ct.id = c.contact_id AND (ct.name IS NOT NULL OR ct.email IS NOT NULL OR ct.phone IS NOT NULL);
