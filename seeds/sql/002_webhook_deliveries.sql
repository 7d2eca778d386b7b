-- One row per message posted to a webhook: a redelivered or republished alert or digest is not posted to that webhook
-- again, and a failure on one webhook does not repeat the post on another. message_id is the AlertId or the DigestId.
CREATE TABLE webhook_deliveries (
    webhook      text        NOT NULL,
    message_id   uuid        NOT NULL,
    message_type text        NOT NULL,
    delivered_at timestamptz NOT NULL,
    PRIMARY KEY (webhook, message_id)
);
