-- canhcua district schema 2: the operator's decision on a warning that
-- someone passed without scanning ('checked' or 'false_alarm', '' while
-- undecided), and when; desks send it with the warning.
ALTER TABLE warnings ADD COLUMN decision text NOT NULL DEFAULT '';
ALTER TABLE warnings ADD COLUMN decided_at timestamptz;
