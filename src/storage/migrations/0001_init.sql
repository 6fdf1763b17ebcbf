-- 0001: the division tree, accounts, sessions, sign-in throttling, settings and the audit log.
-- Times are INTEGER milliseconds since the Unix epoch; booleans are INTEGER 0/1.

-- The division tree (DESIGN.md §1): city → district → street → community, named by the
-- statistical division code. A node's subtree is every code sharing its scope prefix.
CREATE TABLE regions (
    code        TEXT    NOT NULL PRIMARY KEY
                        CHECK (length(code) IN (6, 9, 12) AND code NOT GLOB '*[^0-9]*'),
    name        TEXT    NOT NULL,
    level       TEXT    NOT NULL CHECK (level IN ('city', 'district', 'street', 'community')),
    parent_code TEXT    REFERENCES regions (code),
    kind        TEXT    NOT NULL DEFAULT '',
    pilot       INTEGER NOT NULL DEFAULT 0 CHECK (pilot IN (0, 1)),  -- 首批试点 (第九条)
    CHECK ((level = 'city') = (parent_code IS NULL))
) WITHOUT ROWID;
CREATE INDEX regions_parent ON regions (parent_code);
CREATE INDEX regions_name ON regions (name);
-- Covers search() and count(): one level, a scope's code range, the name filter, in code order.
CREATE INDEX regions_level ON regions (level, code, name);

-- The root every account of the first deployment hangs from (the admin is bound to 110000).
INSERT INTO regions (code, name, level, parent_code, kind, pilot)
VALUES ('110000', '北京市', 'city', NULL, '', 0);

CREATE TABLE users (
    id               INTEGER PRIMARY KEY,
    username         TEXT    NOT NULL COLLATE NOCASE UNIQUE,
    name             TEXT    NOT NULL,
    role             TEXT    NOT NULL,
    org_code         TEXT    NOT NULL REFERENCES regions (code),
    password_hash    TEXT    NOT NULL,
    totp_secret      TEXT    NOT NULL DEFAULT '',
    disabled         INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    failed_attempts  INTEGER NOT NULL DEFAULT 0,
    first_failure_at INTEGER,
    locked_until     INTEGER,
    created_at       INTEGER NOT NULL
);
CREATE INDEX users_org ON users (org_code);

-- Only the SHA-256 of a session token is stored.
CREATE TABLE sessions (
    token_hash   TEXT    NOT NULL PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    csrf_token   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    revoked      INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed sign-ins per client address, shared by every server instance.
CREATE TABLE login_failures (
    client_addr TEXT    NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX login_failures_addr_at ON login_failures (client_addr, at);
CREATE INDEX login_failures_at ON login_failures (at);

CREATE TABLE settings (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The hash-chained audit log (等保 level 3, 安全审计). `seq` is assigned by the audit service so
-- that the chain order is explicit; user_id 0 is an anonymous caller, so no foreign key.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    user_id     INTEGER NOT NULL DEFAULT 0,
    username    TEXT    NOT NULL COLLATE NOCASE,
    role        TEXT    NOT NULL,
    org_code    TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    object      TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,
    client_addr TEXT    NOT NULL,
    request_id  TEXT    NOT NULL,
    detail      TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_username ON audit_log (username);

-- Append-only: a record once written is never changed or removed through this database.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
