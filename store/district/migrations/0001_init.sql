-- canhcua district schema 1 (PostgreSQL). Migrations are append-only; the
-- version is in schema_version; whichever canhcua connects first applies them,
-- under an advisory lock.

-- A unit of the district (a commune office, a school): its desks report here.
CREATE TABLE sites (
	id        bigserial PRIMARY KEY,
	name      text NOT NULL UNIQUE,
	time_zone text NOT NULL DEFAULT 'Asia/Ho_Chi_Minh'
);

-- A desk: a door of a site, known by the UUID it made on its first start.
CREATE TABLE desks (
	id          uuid PRIMARY KEY,
	site_id     bigint NOT NULL REFERENCES sites (id),
	door        text NOT NULL,
	acked_seq   bigint NOT NULL DEFAULT 0, -- the desk's changes applied, up to this sequence number
	first_heard timestamptz NOT NULL DEFAULT now(),
	last_heard  timestamptz NOT NULL DEFAULT now(), -- the server's clock
	-- The desk's clock minus the server's at the last contact, in
	-- milliseconds: the desk's times are kept as it recorded them, and this
	-- corrects them where desks are compared (trace).
	clock_skew_ms bigint NOT NULL DEFAULT 0,
	version     text NOT NULL DEFAULT ''
);

-- Every scan of every desk, as the desk recorded it (its latest state).
CREATE TABLE scans (
	desk_id     uuid        NOT NULL REFERENCES desks (id),
	local_id    bigint      NOT NULL, -- the scan's id in the desk's database
	site_id     bigint      NOT NULL REFERENCES sites (id),
	door        text        NOT NULL,
	at          timestamptz NOT NULL, -- the desk's clock
	at_server   timestamptz NOT NULL, -- at corrected by the desk's clock skew
	day         date        NOT NULL, -- the desk's local day
	direction   text        NOT NULL,
	kind        text        NOT NULL,
	person_key  text        NOT NULL DEFAULT '',
	name        text        NOT NULL DEFAULT '',
	name_fold   text        NOT NULL DEFAULT '',
	id_number   text        NOT NULL DEFAULT '',
	birth_date  text        NOT NULL DEFAULT '',
	result      text        NOT NULL,
	reason      text        NOT NULL DEFAULT '',
	reason_vi   text        NOT NULL DEFAULT '',
	decision    text        NOT NULL DEFAULT '', -- admitted, refused, or ''
	decided_at  timestamptz,
	received_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (desk_id, local_id)
);

-- A site's day in time order (the site's detail, recounting a day).
CREATE INDEX scans_site_day ON scans (site_id, day, at_server);
-- A person's scans (trace).
CREATE INDEX scans_person ON scans (person_key, at_server) WHERE person_key <> '';
CREATE INDEX scans_id_number ON scans (id_number, at_server) WHERE id_number <> '';
CREATE INDEX scans_name ON scans (name_fold, birth_date, at_server) WHERE name_fold <> '';

-- The warnings of every desk (their latest state).
CREATE TABLE warnings (
	desk_id     uuid        NOT NULL REFERENCES desks (id),
	local_id    bigint      NOT NULL,
	site_id     bigint      NOT NULL REFERENCES sites (id),
	door        text        NOT NULL DEFAULT '',
	at          timestamptz NOT NULL,
	day         date        NOT NULL,
	kind        text        NOT NULL,
	message     text        NOT NULL DEFAULT '',
	message_vi  text        NOT NULL DEFAULT '',
	person_key  text        NOT NULL DEFAULT '',
	name        text        NOT NULL DEFAULT '',
	resolved_at timestamptz,
	PRIMARY KEY (desk_id, local_id)
);

CREATE INDEX warnings_site_day ON warnings (site_id, day);

-- The rosters of a site: imported for the site (roster import --server), or
-- at one of its desks; every desk of the site pulls them.
CREATE TABLE rosters (
	site_id     bigint  NOT NULL REFERENCES sites (id),
	name        text    NOT NULL,
	expected_by integer NOT NULL DEFAULT -1,
	only_roster boolean NOT NULL DEFAULT false,
	members     jsonb   NOT NULL DEFAULT '[]',
	updated_at  timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (site_id, name)
);

-- A day of a site in figures, kept up to date as desks' changes are applied
-- (recounted for each site and day a batch touches), so that the district's
-- table reads a row a site instead of every scan.
CREATE TABLE site_days (
	site_id  bigint  NOT NULL REFERENCES sites (id),
	day      date    NOT NULL,
	entries  integer NOT NULL DEFAULT 0, -- accepted scans in
	exits    integer NOT NULL DEFAULT 0, -- accepted scans out
	rejected integer NOT NULL DEFAULT 0,
	people   integer NOT NULL DEFAULT 0, -- distinct people with an accepted scan
	inside   integer NOT NULL DEFAULT 0, -- people whose last accepted scan is an entry
	warnings integer NOT NULL DEFAULT 0,
	-- Each roster group's share scanned: [{"roster": "Cán bộ", "present": 27, "total": 30}, …]
	groups   jsonb   NOT NULL DEFAULT '[]',
	PRIMARY KEY (day, site_id)
);
