-- Who each visit's employer is, as EmployerIdentity says (the normalised name; the normalised credit code, if one was
-- given), written by the worker with every visit, so set-based queries group employers exactly as the worker does.
-- NULL in rows stored before this file: the worker fills them in at start-up (its normalisation is .NET's, not SQL's).
ALTER TABLE visits
    ADD COLUMN IF NOT EXISTS employer_name_key text,
    ADD COLUMN IF NOT EXISTS employer_code_key text;

-- The rows still to fill: empty once the worker has filled them, since every new row comes with its keys.
CREATE INDEX IF NOT EXISTS visits_without_employer_keys ON visits (institution_id, visit_id) WHERE employer_name_key IS NULL;
