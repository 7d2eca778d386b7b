-- The robots post only what this Monitor wrote: alerts from the alerts table (the outbox) and digests from the digests
-- table, never what arrives on an exchange. routed_at marks an alert or digest handed to the webhooks' queue; rows that
-- exist already were posted (or not) by the former consumers, so they count as handed over.
ALTER TABLE alerts ADD COLUMN routed_at timestamptz;
UPDATE alerts SET routed_at = created_at;
CREATE INDEX alerts_unrouted ON alerts (created_at, alert_id) WHERE routed_at IS NULL;

-- The daily digests made, one per institution and day (the first one made is kept).
CREATE TABLE digests (
    digest_id      uuid        PRIMARY KEY,
    institution_id text        NOT NULL,
    digest_date    date        NOT NULL,
    payload        jsonb       NOT NULL,
    generated_at   timestamptz NOT NULL,
    created_at     timestamptz NOT NULL,
    routed_at      timestamptz
);

CREATE INDEX digests_unrouted ON digests (created_at, digest_id) WHERE routed_at IS NULL;

-- What waits to be posted to each webhook: one row per (webhook, alert or digest), grouped by group_key (institution and
-- target, or institution and "digest"). state: Pending, then Sent, Silenced, Superseded or Quiet; notification_id is
-- the message that carried it (also recorded in webhook_deliveries).
CREATE TABLE notification_queue (
    webhook         text        NOT NULL,
    source_id       uuid        NOT NULL,
    kind            text        NOT NULL,
    group_key       text        NOT NULL,
    institution_id  text        NOT NULL,
    since           timestamptz NOT NULL,
    severity        text        NOT NULL,
    queued_at       timestamptz NOT NULL,
    state           text        NOT NULL,
    notification_id uuid,
    done_at         timestamptz,
    PRIMARY KEY (webhook, source_id)
);

CREATE INDEX notification_queue_pending ON notification_queue (webhook, group_key, since) WHERE state = 'pending';
