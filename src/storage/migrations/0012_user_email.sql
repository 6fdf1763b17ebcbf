-- 0012: e-mail reminders (docs/operations.md § 邮件提醒). A user's e-mail address (personal data:
-- shown in full only to sys_admin and the user, docs/security.md; '' = none), and the outbox of
-- reminders to e-mail. A reminder is queued in the transaction that creates it and sent after the
-- commit, so a crash between the two loses nothing: the next run finds the row still unsent. The
-- unique notification_id keeps a reminder from being queued twice; the recipient is read from
-- users when the mail goes out, so no copy of the address is kept here.
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';

CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    notification_id INTEGER NOT NULL UNIQUE REFERENCES notifications (id),
    attempts        INTEGER NOT NULL DEFAULT 0,
    -- when the next try is due; a sender that takes the row moves it forward by a lease first,
    -- so a second instance does not send it at the same time
    next_attempt_at INTEGER NOT NULL,
    sent_at         INTEGER,
    gave_up_at      INTEGER,
    last_error      TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND gave_up_at IS NULL;
