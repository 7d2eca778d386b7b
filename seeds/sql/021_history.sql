-- The daily history behind the dashboard: one row per target, scope (unit_code '' for the whole institution) and the
-- institution's local day, holding the figures of that day's latest evaluation. The snapshot is kept whole, in its wire
-- form; the figures a chart or a ranking reads are columns computed from it, so the two can never disagree.
-- backfilled: computed afterwards from the stored facts (history backfill), replaced by a real evaluation, never the reverse.
CREATE TABLE history (
    target_id       text        NOT NULL,
    institution_id  text        NOT NULL,
    unit_code       text        NOT NULL,
    day             date        NOT NULL,
    evaluated_at    timestamptz NOT NULL,
    backfilled      boolean     NOT NULL,
    snapshot        jsonb       NOT NULL,
    status          text        GENERATED ALWAYS AS (snapshot->>'status') STORED,
    actual          numeric     GENERATED ALWAYS AS ((snapshot->>'actual')::numeric) STORED,
    numerator       integer     GENERATED ALWAYS AS ((snapshot->>'numerator')::integer) STORED,
    denominator     integer     GENERATED ALWAYS AS ((snapshot->>'denominator')::integer) STORED,
    threshold       numeric     GENERATED ALWAYS AS ((snapshot->>'threshold')::numeric) STORED,
    expected_by_now numeric     GENERATED ALWAYS AS ((snapshot->>'expectedByNow')::numeric) STORED,
    forecast        numeric     GENERATED ALWAYS AS ((snapshot->>'forecast')::numeric) STORED,
    forecast_low    numeric     GENERATED ALWAYS AS ((snapshot->>'forecastLow')::numeric) STORED,
    forecast_high   numeric     GENERATED ALWAYS AS ((snapshot->>'forecastHigh')::numeric) STORED,
    is_final        boolean     GENERATED ALWAYS AS ((snapshot->>'isFinal')::boolean) STORED,
    PRIMARY KEY (target_id, institution_id, unit_code, day)
);
