-- canhcua schema 7: a roster's window, when it applies (canhcua roster
-- import/edit --from --until): outside it its people are not expected and,
-- for a roster-only event, nobody is held. Unix nanoseconds, UTC; NULL: no
-- bound.
ALTER TABLE rosters ADD COLUMN active_from INTEGER;
ALTER TABLE rosters ADD COLUMN active_until INTEGER;
