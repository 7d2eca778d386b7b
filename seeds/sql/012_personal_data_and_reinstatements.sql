-- Personal data (PIPL): keep only what the rates need. A graduate's disadvantaged categories (低保, 残疾 …) are
-- sensitive; the rates need only whether there is at least one. The major, the reason of a withdrawal and the employer
-- of a destination report are not used by any figure. Stored fingerprints of registrations are recomputed over what
-- is kept (unit and flag, as RosterEntry.Fingerprint does), so a registration resent after the upgrade is a duplicate.
-- Idempotent: a database that applied it under its earlier name (004_personal_data_and_reinstatements) is unchanged.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = current_schema() AND table_name = 'graduates' AND column_name = 'disadvantaged') THEN
        ALTER TABLE graduates ADD COLUMN IF NOT EXISTS is_disadvantaged boolean;
        UPDATE graduates SET
            is_disadvantaged = cardinality(disadvantaged) > 0,
            fingerprint = encode(sha256(convert_to(unit_code || '|' || CASE WHEN cardinality(disadvantaged) > 0 THEN '1' ELSE '0' END, 'UTF8')), 'hex');
        ALTER TABLE graduates ALTER COLUMN is_disadvantaged SET NOT NULL, DROP COLUMN disadvantaged;
    END IF;
END
$$;
ALTER TABLE graduates DROP COLUMN IF EXISTS major;
ALTER TABLE graduate_withdrawals DROP COLUMN IF EXISTS reason;
ALTER TABLE destination_reports DROP COLUMN IF EXISTS employer_name, DROP COLUMN IF EXISTS employer_credit_code;

-- A withdrawal made in error is undone by a reinstatement, which may arrive before or after it: a graduate counts
-- unless withdrawn and not reinstated. No foreign key, for the same reason as graduate_withdrawals.
CREATE TABLE IF NOT EXISTS graduate_reinstatements (
    institution_id text        NOT NULL,
    cohort_year    integer     NOT NULL,
    graduate_id    text        NOT NULL,
    fingerprint    text        NOT NULL,
    received_at    timestamptz NOT NULL,
    PRIMARY KEY (institution_id, cohort_year, graduate_id)
);
