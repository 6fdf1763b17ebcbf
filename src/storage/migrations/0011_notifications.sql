-- 0011: in-app reminders (docs/workflow.md), 7, 3 and 1 days before each deadline a user is
-- responsible for. The unique key (user, subject, deadline, days before) is what makes the
-- reminder job safe to rerun, to restart and to run on several instances at once: a second
-- insert of the same reminder does nothing.
CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    subject     TEXT    NOT NULL,
    deadline    INTEGER NOT NULL,
    days_before INTEGER NOT NULL CHECK (days_before IN (1, 3, 7)),
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    link        TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    read_at     INTEGER,
    emailed_at  INTEGER,
    UNIQUE (user_id, subject, deadline, days_before)
);
CREATE INDEX notifications_user ON notifications (user_id, id);
