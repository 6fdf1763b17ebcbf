-- 0003: rounds (认定批次, 第十条) and applications (申报, 第十二–十五条) with their history, the
-- district departments' reviews, evidence, evaluator assignments and evaluations.
-- Times are INTEGER milliseconds since the Unix epoch; booleans are INTEGER 0/1. Enum words
-- (kind, scope, status, state, action, role) are the domain's to_string words and are checked by
-- the code that reads them, not here, so a new word needs no migration.

CREATE TABLE rounds (
    id                 INTEGER PRIMARY KEY,
    year               INTEGER NOT NULL,
    kind               TEXT    NOT NULL,
    standard_id        TEXT    NOT NULL,
    standard_revision  INTEGER NOT NULL,
    scope              TEXT    NOT NULL,
    community_deadline INTEGER NOT NULL,   -- 第十四条1, inclusive
    district_deadline  INTEGER NOT NULL,   -- 第十四条2, inclusive
    notice_days        INTEGER NOT NULL,   -- 第十四条3
    status             TEXT    NOT NULL,
    name               TEXT    NOT NULL,
    created_at         INTEGER NOT NULL,
    opened_at          INTEGER,
    UNIQUE (year, kind),
    FOREIGN KEY (standard_id, standard_revision) REFERENCES standard_revisions (id, revision)
);
CREATE INDEX rounds_standard ON rounds (standard_id, standard_revision);

-- One application per community and round. The street and district codes are copied from the
-- division tree when the application is made, so lists filter and sort without a join.
-- `version` is the compare-and-set counter of every update (a stale writer gets 409).
CREATE TABLE applications (
    id                  INTEGER PRIMARY KEY,
    round_id            INTEGER NOT NULL REFERENCES rounds (id),
    community_code      TEXT    NOT NULL REFERENCES regions (code),
    community_name      TEXT    NOT NULL,
    street_code         TEXT    NOT NULL,
    district_code       TEXT    NOT NULL,
    current_star        INTEGER NOT NULL,
    target_star         INTEGER NOT NULL,
    state               TEXT    NOT NULL,
    -- The claimed indicator codes as a JSON array of strings, in the community's order: a code
    -- may hold any character but whitespace (a comma included), so no separator is safe.
    achieved            TEXT    NOT NULL,
    mechanism           INTEGER NOT NULL CHECK (mechanism IN (0, 1)),
    mechanism_note      TEXT    NOT NULL,
    effective           INTEGER NOT NULL CHECK (effective IN (0, 1)),
    effectiveness_note  TEXT    NOT NULL,
    recommendation_rank INTEGER,
    decided_star        INTEGER,            -- 0: rejected
    submitted_at        INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    version             INTEGER NOT NULL CHECK (version >= 1),
    UNIQUE (round_id, community_code)       -- also serves a scope's code range within a round
);
CREATE INDEX applications_round_district ON applications (round_id, district_code);
CREATE INDEX applications_round_state ON applications (round_id, state);
CREATE INDEX applications_community ON applications (community_code);

-- Who did what, when, with which opinion. user_id and username are copies, not references:
-- the history outlives any change to the account.
CREATE TABLE application_events (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    at             INTEGER NOT NULL,
    user_id        INTEGER NOT NULL,
    username       TEXT    NOT NULL,
    role           TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    from_state     TEXT    NOT NULL,
    to_state       TEXT    NOT NULL,
    decision       TEXT    NOT NULL,
    opinion        TEXT    NOT NULL
);
CREATE INDEX application_events_application ON application_events (application_id, id);

-- 第十四条2 会同审核: one review per district department and application; cleared when the
-- application is returned, so a resubmission is reviewed afresh.
CREATE TABLE district_reviews (
    application_id INTEGER NOT NULL REFERENCES applications (id),
    role           TEXT    NOT NULL,
    approved       INTEGER NOT NULL CHECK (approved IN (0, 1)),
    opinion        TEXT    NOT NULL,
    username       TEXT    NOT NULL,
    at             INTEGER NOT NULL,
    PRIMARY KEY (application_id, role)
) WITHOUT ROWID;

-- Evidence files (佐证材料) by content hash; the bytes live in the file store, outside the
-- database and outside any served directory. file_name is the uploader's name, kept as data.
CREATE TABLE evidence (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    indicator_code TEXT    NOT NULL,        -- '': general; 'mechanism': the long-term mechanism
    sha256         TEXT    NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    size           INTEGER NOT NULL CHECK (size >= 0),
    content_type   TEXT    NOT NULL,
    file_name      TEXT    NOT NULL,
    uploaded_by    TEXT    NOT NULL,
    uploaded_at    INTEGER NOT NULL
);
CREATE INDEX evidence_application ON evidence (application_id, id);
CREATE INDEX evidence_sha256 ON evidence (sha256);

-- Evaluators by username, compared as users.username is (without regard to ASCII case).
CREATE TABLE evaluator_assignments (
    application_id INTEGER NOT NULL REFERENCES applications (id),
    evaluator      TEXT    NOT NULL COLLATE NOCASE,
    evaluator_org  TEXT    NOT NULL,
    due_at         INTEGER NOT NULL,
    assigned_at    INTEGER NOT NULL,
    PRIMARY KEY (application_id, evaluator)
) WITHOUT ROWID;
CREATE INDEX evaluator_assignments_evaluator ON evaluator_assignments (evaluator, application_id);

-- One evaluation per assigned evaluator (第十四条3 评估); only an assignment may have one.
-- checks: a JSON array of {"code","verified","reason"} in the evaluator's order.
CREATE TABLE evaluations (
    application_id INTEGER NOT NULL,
    evaluator      TEXT    NOT NULL COLLATE NOCASE,
    checks         TEXT    NOT NULL,
    effective      INTEGER NOT NULL CHECK (effective IN (0, 1)),
    opinion        TEXT    NOT NULL,
    at             INTEGER NOT NULL,
    PRIMARY KEY (application_id, evaluator),
    FOREIGN KEY (application_id, evaluator)
        REFERENCES evaluator_assignments (application_id, evaluator)
) WITHOUT ROWID;
