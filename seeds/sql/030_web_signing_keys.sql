-- The key that signs the pages' links and login cookies when Monitor:Web:SigningKey is not set: made once by the first
-- worker that needs it, so every replica and every restart accepts the links the others made.
CREATE TABLE IF NOT EXISTS web_signing_keys (
    name       text        PRIMARY KEY,
    key        bytea       NOT NULL CHECK (length(key) >= 32),
    created_at timestamptz NOT NULL DEFAULT now()
);
