-- 0010: the idempotency keys of acknowledged writes (docs/reliability.md). A row is written in
-- the same transaction as the write it acknowledges, so it exists exactly when that write
-- committed, and a retry with the same key gets the stored answer instead of a second write.
-- Numbered 0010 to leave 0004–0009 to the workflow's migrations being written in parallel.
-- `body` is the response as sent (JSON text: PostgreSQL text holds no NUL byte); `request_hash` is SHA-256 of method, target and body.
CREATE TABLE idempotency_keys (
    user_id      INTEGER NOT NULL,
    key          TEXT    NOT NULL,
    method       TEXT    NOT NULL,
    path         TEXT    NOT NULL,
    request_hash TEXT    NOT NULL,
    status       INTEGER NOT NULL,
    content_type TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (user_id, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
