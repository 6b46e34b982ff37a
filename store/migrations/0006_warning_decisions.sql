-- canhcua schema 6: the operator's decision on a warning that someone passed
-- without scanning, made after looking at its snapshot: 'checked' (someone
-- did pass, and it was looked into) or 'false_alarm'. Deciding also resolves
-- the warning. The outbox trigger on warnings updates (schema 5) sends it.
ALTER TABLE warnings ADD COLUMN decision TEXT NOT NULL DEFAULT ''
	CHECK (decision IN ('', 'checked', 'false_alarm'));
ALTER TABLE warnings ADD COLUMN decided_at INTEGER; -- unix nanoseconds, UTC; NULL while undecided
