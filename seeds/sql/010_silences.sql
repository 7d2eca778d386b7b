-- Silences (静默), set with `silence add`: the robots post nothing about a target in a scope until ends_at. Alerts are
-- still raised and published. A removed silence is kept with who removed it and when.
CREATE TABLE silences (
    silence_id     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    institution_id text        NOT NULL,
    unit_code      text,
    target_id      text,
    ends_at        timestamptz NOT NULL,
    reason         text        NOT NULL,
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL,
    removed_at     timestamptz,
    removed_by     text
);
