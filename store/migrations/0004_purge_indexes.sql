-- Indexes for the foreign keys into scans and people from visits: without
-- them every deleted scan or person (the retention purge) scans all visits.
CREATE INDEX visits_in_scan ON visits (in_scan_id);
CREATE INDEX visits_out_scan ON visits (out_scan_id);
CREATE INDEX visits_person ON visits (person_key);
