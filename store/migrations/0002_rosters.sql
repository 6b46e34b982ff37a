-- canhcua schema 2: rosters, the named groups of expected people (an
-- office's staff, a meeting's attendees).

CREATE TABLE rosters (
	id          INTEGER PRIMARY KEY,
	name        TEXT    NOT NULL UNIQUE,
	expected_by INTEGER NOT NULL DEFAULT -1, -- minutes after local midnight; -1 none
	only_roster INTEGER NOT NULL DEFAULT 0   -- 1: the event admits roster people only
);

-- One expected person of a roster, in the order they were imported.
CREATE TABLE roster_members (
	id          INTEGER PRIMARY KEY,
	roster_id   INTEGER NOT NULL REFERENCES rosters (id) ON DELETE CASCADE,
	name        TEXT    NOT NULL,
	name_fold   TEXT    NOT NULL, -- canhcua.Fold(name), for matching
	unit        TEXT    NOT NULL DEFAULT '',
	id_number   TEXT    NOT NULL DEFAULT '',
	badge_id    TEXT    NOT NULL DEFAULT '',
	birth_date  TEXT    NOT NULL DEFAULT '', -- DD/MM/YYYY
	expected_by INTEGER NOT NULL DEFAULT -1  -- overrides the roster's; -1 none
);

CREATE INDEX roster_members_roster ON roster_members (roster_id, id);
-- MatchMember's prefilter: by ID number, badge, or folded name.
CREATE INDEX roster_members_id_number ON roster_members (id_number) WHERE id_number <> '';
CREATE INDEX roster_members_badge ON roster_members (badge_id) WHERE badge_id <> '';
CREATE INDEX roster_members_name ON roster_members (name_fold);
