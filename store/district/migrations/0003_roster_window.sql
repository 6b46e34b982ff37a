-- canhcua district schema 3: a roster's window, when it applies (NULL: no
-- bound); desks pull it with the roster.
ALTER TABLE rosters ADD COLUMN active_from timestamptz;
ALTER TABLE rosters ADD COLUMN active_until timestamptz;
