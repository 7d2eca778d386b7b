-- Producer ids are unique within an institution, not across institutions: two colleges may both number a visit
-- "V-0001". Keyed per institution, one institution's events never refuse or cancel another's.
ALTER TABLE visits DROP CONSTRAINT visits_pkey, ADD PRIMARY KEY (institution_id, visit_id);
ALTER TABLE visit_cancellations DROP CONSTRAINT visit_cancellations_pkey, ADD PRIMARY KEY (institution_id, visit_id);
ALTER TABLE destination_reports DROP CONSTRAINT destination_reports_pkey, ADD PRIMARY KEY (institution_id, report_id);
