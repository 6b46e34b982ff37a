-- canhcua schema 3: warnings, and the operator's decisions on held scans.

-- Something the supervisor must look at, stored with its time. Personal data
-- (a name, a snapshot): deleted with its day by retention (Purge).
CREATE TABLE warnings (
	id          INTEGER PRIMARY KEY,
	at          INTEGER NOT NULL, -- unix nanoseconds, UTC
	day         TEXT    NOT NULL, -- local day of at, YYYY-MM-DD
	door        TEXT    NOT NULL DEFAULT '',
	kind        TEXT    NOT NULL,
	-- Tells apart open warnings of one kind at one door (canhcua.WarningKey):
	-- the person's or group's key, else the English message.
	key         TEXT    NOT NULL DEFAULT '',
	message     TEXT    NOT NULL DEFAULT '',
	message_vi  TEXT    NOT NULL DEFAULT '',
	person_key  TEXT    NOT NULL DEFAULT '', -- not a reference: a group, or an expected person never seen
	name        TEXT    NOT NULL DEFAULT '',
	snapshot    TEXT    NOT NULL DEFAULT '', -- JPEG path (no-scan warnings)
	resolved_at INTEGER                      -- NULL while open
);

-- A day's warnings in time order.
CREATE INDEX warnings_day ON warnings (day, at);
-- The open warning of (door, kind, key): OpenWarning and ResolveWarnings.
CREATE INDEX warnings_open ON warnings (door, kind, key) WHERE resolved_at IS NULL;

-- The operator's decision on a scan held for them (someone not on the roster
-- of a roster-only event): admitted as a guest, or refused.
CREATE TABLE decisions (
	scan_id  INTEGER PRIMARY KEY REFERENCES scans (id),
	decision TEXT    NOT NULL CHECK (decision IN ('admitted', 'refused')),
	at       INTEGER NOT NULL, -- unix nanoseconds, UTC
	day      TEXT    NOT NULL  -- local day of the scan
);

CREATE INDEX decisions_day ON decisions (day);
