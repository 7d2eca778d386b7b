-- The status announced before the current one (the digest compares today's announced status with yesterday's), and a
-- measured rate's final figures, written once when its books close and never changed afterwards.
ALTER TABLE alert_state
    ADD COLUMN previous_status   text,
    ADD COLUMN final_numerator   integer,
    ADD COLUMN final_denominator integer,
    ADD COLUMN final_actual      numeric,
    ADD COLUMN final_at          timestamptz;
