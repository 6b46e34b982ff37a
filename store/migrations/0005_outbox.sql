-- canhcua schema 5: the outbox of changes for the district's server.
--
-- Every change a desk makes to what the district sees (a scan recorded,
-- voided, decided on; a warning opened, updated, resolved; a roster imported
-- here or removed) adds a row in the same transaction, by the triggers below,
-- so no code path can forget one. The desk sends the rows' current state in
-- sequence order and deletes what the server has acknowledged (settings
-- sync_acked); the server applies them keyed by desk and sequence, so a row
-- sent twice has one effect.
CREATE TABLE outbox (
	seq    INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, even after deletion
	entity TEXT    NOT NULL CHECK (entity IN ('scan', 'warning', 'roster', 'roster_gone')),
	ref    INTEGER NOT NULL DEFAULT 0,        -- scans.id, warnings.id or rosters.id
	name   TEXT    NOT NULL DEFAULT ''        -- the roster's name, for roster_gone
);

-- Where a roster comes from: imported at this desk ('local', sent to the
-- server for the desk's site) or pulled from the site's rosters on the server
-- ('site', never sent back).
ALTER TABLE rosters ADD COLUMN origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'site'));

CREATE TRIGGER outbox_scan_new AFTER INSERT ON scans
BEGIN
	INSERT INTO outbox (entity, ref) VALUES ('scan', NEW.id);
END;

CREATE TRIGGER outbox_scan_changed AFTER UPDATE OF result, reason, reason_vi, voided_at, void_reason ON scans
BEGIN
	INSERT INTO outbox (entity, ref) VALUES ('scan', NEW.id);
END;

CREATE TRIGGER outbox_decision AFTER INSERT ON decisions
BEGIN
	INSERT INTO outbox (entity, ref) VALUES ('scan', NEW.scan_id);
END;

CREATE TRIGGER outbox_warning_new AFTER INSERT ON warnings
BEGIN
	INSERT INTO outbox (entity, ref) VALUES ('warning', NEW.id);
END;

CREATE TRIGGER outbox_warning_changed AFTER UPDATE ON warnings
BEGIN
	INSERT INTO outbox (entity, ref) VALUES ('warning', NEW.id);
END;

CREATE TRIGGER outbox_roster_new AFTER INSERT ON rosters WHEN NEW.origin = 'local'
BEGIN
	INSERT INTO outbox (entity, ref) VALUES ('roster', NEW.id);
END;

CREATE TRIGGER outbox_roster_changed AFTER UPDATE ON rosters WHEN NEW.origin = 'local'
BEGIN
	INSERT INTO outbox (entity, ref) VALUES ('roster', NEW.id);
END;

CREATE TRIGGER outbox_roster_gone AFTER DELETE ON rosters WHEN OLD.origin = 'local'
BEGIN
	INSERT INTO outbox (entity, name) VALUES ('roster_gone', OLD.name);
END;

CREATE TRIGGER outbox_member_new AFTER INSERT ON roster_members
WHEN (SELECT origin FROM rosters WHERE id = NEW.roster_id) = 'local'
BEGIN
	INSERT INTO outbox (entity, ref) VALUES ('roster', NEW.roster_id);
END;

CREATE TRIGGER outbox_member_gone AFTER DELETE ON roster_members
WHEN (SELECT origin FROM rosters WHERE id = OLD.roster_id) = 'local'
BEGIN
	INSERT INTO outbox (entity, ref) VALUES ('roster', OLD.roster_id);
END;
