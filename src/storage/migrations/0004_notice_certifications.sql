-- 0004: the public notice (公示, 第十四条3) with the public's comments, the spot checks and their
-- draw, and the certifications (第十五条) with their sanctions (第二十条) and the public keys of
-- the plaques' seal. Times are INTEGER milliseconds since the Unix epoch, as in 0003.

-- One notice per round; ends_at is exclusive. finalized_at is set by the naming.
CREATE TABLE notices (
    round_id     INTEGER PRIMARY KEY REFERENCES rounds (id),
    starts_at    INTEGER NOT NULL,
    ends_at      INTEGER NOT NULL CHECK (ends_at > starts_at),
    published_by TEXT    NOT NULL,
    finalized_at INTEGER
);

-- 群众评议: private to the city. The phone number is stored sealed (encrypted with a key kept
-- outside the database) beside its masked form and a keyed digest that rate limits count by.
CREATE TABLE comments (
    id             INTEGER PRIMARY KEY,
    round_id       INTEGER NOT NULL REFERENCES notices (round_id),
    application_id INTEGER NOT NULL REFERENCES applications (id),
    community_code TEXT    NOT NULL,
    community_name TEXT    NOT NULL,
    content        TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    phone_sealed   TEXT    NOT NULL,
    phone_masked   TEXT    NOT NULL,
    phone_digest   TEXT    NOT NULL,
    client_addr    TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    moderation     TEXT    NOT NULL,        -- pending | accepted | spam
    disposition    TEXT,                    -- upheld | dismissed
    response       TEXT    NOT NULL,
    disposed_by    TEXT    NOT NULL,
    disposed_at    INTEGER
);
CREATE INDEX comments_round ON comments (round_id, id);

-- A phone confirmation code, by the keyed digest of the number; one live code per number.
CREATE TABLE phone_codes (
    phone_digest TEXT    PRIMARY KEY,
    code_digest  TEXT    NOT NULL,
    sent_at      INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    attempts     INTEGER NOT NULL CHECK (attempts >= 0)
) WITHOUT ROWID;

-- Public writes counted for rate limits (codes sent, comments made) by phone or address digest.
CREATE TABLE public_actions (
    id         INTEGER PRIMARY KEY,
    action     TEXT    NOT NULL,
    key_digest TEXT    NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX public_actions_key ON public_actions (action, key_digest, at);

-- The draw's commitment: sha256(seed) is published before the draw, the seed by the draw.
CREATE TABLE spot_check_commitments (
    round_id     INTEGER PRIMARY KEY REFERENCES notices (round_id),
    seed_sha256  TEXT    NOT NULL,
    committed_by TEXT    NOT NULL,
    committed_at INTEGER NOT NULL,
    seed         TEXT,
    drawn_at     INTEGER,
    per_district INTEGER NOT NULL,
    rate_permille INTEGER NOT NULL,     -- the share drawn, in thousandths
    inspectors_per_check INTEGER NOT NULL,
    -- What the draw ran on, kept so that anyone can re-run it: JSON arrays of
    -- {"application_id","community_code","district_code"} and {"username","district_code"}.
    candidates     TEXT NOT NULL,
    inspector_pool TEXT NOT NULL
);

-- inspectors: a JSON array of usernames, in the draw's order.
CREATE TABLE spot_checks (
    id             INTEGER PRIMARY KEY,
    round_id       INTEGER NOT NULL REFERENCES spot_check_commitments (round_id),
    application_id INTEGER NOT NULL REFERENCES applications (id),
    community_code TEXT    NOT NULL,
    community_name TEXT    NOT NULL,
    district_code  TEXT    NOT NULL,
    inspectors     TEXT    NOT NULL,
    passed         INTEGER CHECK (passed IN (0, 1)),
    findings       TEXT    NOT NULL,
    recorded_by    TEXT    NOT NULL,
    recorded_at    INTEGER,
    UNIQUE (round_id, application_id)
);

CREATE TABLE spot_check_photos (
    id            INTEGER PRIMARY KEY,
    spot_check_id INTEGER NOT NULL REFERENCES spot_checks (id),
    sha256        TEXT    NOT NULL CHECK (length(sha256) = 64),
    size          INTEGER NOT NULL CHECK (size >= 0),
    content_type  TEXT    NOT NULL,
    file_name     TEXT    NOT NULL,
    uploaded_by   TEXT    NOT NULL,
    uploaded_at   INTEGER NOT NULL
);
CREATE INDEX spot_check_photos_check ON spot_check_photos (spot_check_id, id);

-- 第十五条: the title and its plaque. payload is the signed canonical text, signature its SM2
-- signature (base64), key_id the sealing key's id in seal_keys.
CREATE TABLE certifications (
    serial            TEXT    PRIMARY KEY,
    round_id          INTEGER NOT NULL REFERENCES rounds (id),
    application_id    INTEGER NOT NULL UNIQUE REFERENCES applications (id),
    community_code    TEXT    NOT NULL REFERENCES regions (code),
    community_name    TEXT    NOT NULL,
    full_name         TEXT    NOT NULL,
    district_code     TEXT    NOT NULL,
    district_name     TEXT    NOT NULL,
    street_name       TEXT    NOT NULL,
    star              INTEGER NOT NULL CHECK (star BETWEEN 1 AND 5),
    year              INTEGER NOT NULL,
    issued_at         INTEGER NOT NULL,
    status            TEXT    NOT NULL,     -- valid | under_rectification | revoked | superseded
    superseded_by     TEXT    NOT NULL,
    status_changed_at INTEGER NOT NULL,
    payload           TEXT    NOT NULL,
    signature         TEXT    NOT NULL,
    key_id            TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX certifications_community ON certifications (community_code, issued_at);
CREATE INDEX certifications_gallery ON certifications (issued_at, serial);
CREATE INDEX certifications_district ON certifications (district_code, star, year);

-- The serials' running number per year.
CREATE TABLE certification_sequences (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

-- 第二十条 dynamic management.
CREATE TABLE sanctions (
    id         INTEGER PRIMARY KEY,
    serial     TEXT    NOT NULL REFERENCES certifications (serial),
    kind       TEXT    NOT NULL,            -- criticism | warning | rectification | revocation
    reason     TEXT    NOT NULL,
    deadline   INTEGER,
    created_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX sanctions_serial ON sanctions (serial, id);

-- Every public key that ever sealed a plaque, so that older plaques verify after a rotation.
CREATE TABLE seal_keys (
    key_id     TEXT    PRIMARY KEY,
    public_pem TEXT    NOT NULL,
    created_at INTEGER NOT NULL
) WITHOUT ROWID;
