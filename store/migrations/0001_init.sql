-- canhcua schema 1. Migrations are append-only: never edit a released file,
-- add 0002_….sql instead. The schema version is PRAGMA user_version.

-- Settings of this database, such as the time zone its local days are in.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE doors (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE
);

-- People seen with an accepted or duplicate scan.
CREATE TABLE people (
	key        TEXT PRIMARY KEY,
	kind       TEXT NOT NULL,
	name       TEXT NOT NULL DEFAULT '',
	id_number  TEXT NOT NULL DEFAULT '',
	birth_date TEXT NOT NULL DEFAULT '',
	first_seen INTEGER NOT NULL, -- unix nanoseconds, UTC
	last_seen  INTEGER NOT NULL
);

-- Every scan, as recorded. Never deleted; a voided scan keeps its row.
CREATE TABLE scans (
	id          INTEGER PRIMARY KEY,
	at          INTEGER NOT NULL, -- unix nanoseconds, UTC
	day         TEXT    NOT NULL, -- local day, YYYY-MM-DD (settings.location)
	hour        INTEGER NOT NULL, -- local hour, 0-23
	door_id     INTEGER NOT NULL REFERENCES doors (id),
	direction   TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
	kind        TEXT    NOT NULL,
	person_key  TEXT REFERENCES people (key), -- NULL for rejected codes
	name        TEXT    NOT NULL DEFAULT '',
	name_fold   TEXT    NOT NULL DEFAULT '', -- canhcua.Fold(name), for search
	id_number   TEXT    NOT NULL DEFAULT '',
	birth_date  TEXT    NOT NULL DEFAULT '',
	result      TEXT    NOT NULL CHECK (result IN ('accepted', 'duplicate', 'rejected', 'voided', 'held')),
	reason      TEXT    NOT NULL DEFAULT '',
	reason_vi   TEXT    NOT NULL DEFAULT '',
	ago         INTEGER NOT NULL DEFAULT 0, -- duplicates: nanoseconds since the accepted scan
	voided_at   INTEGER,
	void_reason TEXT,
	-- 1 on the person's first accepted scan of the day (first_day) and of the
	-- day at this door (first_door), so that Counts counts people without
	-- a DISTINCT; kept on an accepted scan when an earlier one is voided.
	first_day   INTEGER NOT NULL DEFAULT 0,
	first_door  INTEGER NOT NULL DEFAULT 0
);

-- A day's scans, at one door or all; in hour order and covering the Counts
-- query, which reads no table row and sorts nothing.
CREATE INDEX scans_day_door ON scans (day, hour, door_id, result, direction, first_day, first_door);
-- A day's scans in time order (lists, the recent table, exports).
CREATE INDEX scans_day_at ON scans (day, at);
-- A person's scans (duplicate window, toggle mode, visit rebuilds).
CREATE INDEX scans_person_at ON scans (person_key, day, at);
-- The newest scan at a door (undo).
CREATE INDEX scans_door ON scans (door_id);

-- A person's entry and the exit that followed it at one door. in_* is NULL
-- for an exit without a recorded entry; out_* is NULL while inside.
CREATE TABLE visits (
	id          INTEGER PRIMARY KEY,
	person_key  TEXT    NOT NULL REFERENCES people (key),
	door_id     INTEGER NOT NULL REFERENCES doors (id),
	day         TEXT    NOT NULL, -- local day of the entry (of the exit when no entry)
	in_scan_id  INTEGER REFERENCES scans (id),
	in_at       INTEGER,
	out_scan_id INTEGER REFERENCES scans (id),
	out_at      INTEGER
);

-- A person's open visit at a door (entries and exits).
CREATE INDEX visits_open ON visits (door_id, person_key) WHERE out_at IS NULL;
-- Who is inside, by the day of entry (Counts).
CREATE INDEX visits_inside ON visits (day, person_key, door_id) WHERE out_at IS NULL;
-- A day's visits.
CREATE INDEX visits_day ON visits (day, door_id);
