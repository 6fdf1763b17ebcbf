-- 0006: daily management after naming (第十六–二十条): the yearly work reports of certified
-- communities (第十八条), rectification reports under a sanction (第二十条), and the annual spot
-- checks (第十九条) drawn like the notice's from a committed seed.

-- The city sets each year's filing deadline.
CREATE TABLE report_campaigns (
    year     INTEGER PRIMARY KEY,
    deadline INTEGER NOT NULL,
    set_by   TEXT    NOT NULL,
    set_at   INTEGER NOT NULL
);

-- 第十八条: 年度智慧社区工作总结和下年度智慧社区工作计划. One per community and year.
CREATE TABLE annual_reports (
    id               INTEGER PRIMARY KEY,
    year             INTEGER NOT NULL REFERENCES report_campaigns (year),
    community_code   TEXT    NOT NULL REFERENCES regions (code),
    serial           TEXT    NOT NULL REFERENCES certifications (serial),
    summary          TEXT    NOT NULL,      -- 年度工作总结
    plan             TEXT    NOT NULL,      -- 下年度工作计划
    residents_served INTEGER NOT NULL CHECK (residents_served >= 0),
    services_online  INTEGER NOT NULL CHECK (services_online >= 0),
    investment       INTEGER NOT NULL CHECK (investment >= 0),  -- 万元
    state            TEXT    NOT NULL,      -- draft | submitted | accepted | returned
    submitted_at     INTEGER,
    reviewed_by      TEXT    NOT NULL,
    reviewed_at      INTEGER,
    review_opinion   TEXT    NOT NULL,
    updated_at       INTEGER NOT NULL,
    UNIQUE (year, community_code)
);

-- 第二十条 限期整改: the community's report on its rectification, with evidence; accepted, the
-- certification is valid again.
CREATE TABLE rectification_reports (
    id             INTEGER PRIMARY KEY,
    serial         TEXT    NOT NULL REFERENCES certifications (serial),
    sanction_id    INTEGER NOT NULL REFERENCES sanctions (id),
    content        TEXT    NOT NULL,
    state          TEXT    NOT NULL,        -- submitted | accepted | returned
    submitted_by   TEXT    NOT NULL,
    submitted_at   INTEGER NOT NULL,
    reviewed_by    TEXT    NOT NULL,
    reviewed_at    INTEGER,
    review_opinion TEXT    NOT NULL
);
CREATE INDEX rectification_reports_serial ON rectification_reports (serial, id);

-- Attachments of reports, by content hash in the file store. owner_kind names the table.
CREATE TABLE supervision_files (
    id           INTEGER PRIMARY KEY,
    owner_kind   TEXT    NOT NULL,          -- annual_report | rectification_report | annual_check
    owner_id     INTEGER NOT NULL,
    sha256       TEXT    NOT NULL CHECK (length(sha256) = 64),
    size         INTEGER NOT NULL CHECK (size >= 0),
    content_type TEXT    NOT NULL,
    file_name    TEXT    NOT NULL,
    uploaded_by  TEXT    NOT NULL,
    uploaded_at  INTEGER NOT NULL
);
CREATE INDEX supervision_files_owner ON supervision_files (owner_kind, owner_id, id);

-- 第十九条: a year's spot check of certified communities, drawn as the notice's are.
CREATE TABLE annual_checks (
    year                 INTEGER PRIMARY KEY,
    seed_sha256          TEXT    NOT NULL,
    committed_by         TEXT    NOT NULL,
    committed_at         INTEGER NOT NULL,
    seed                 TEXT,
    drawn_at             INTEGER,
    per_district         INTEGER NOT NULL,
    rate_permille        INTEGER NOT NULL,
    inspectors_per_check INTEGER NOT NULL,
    candidates           TEXT    NOT NULL,
    inspector_pool       TEXT    NOT NULL,
    published_by         TEXT    NOT NULL,
    published_at         INTEGER
);

CREATE TABLE annual_check_items (
    id             INTEGER PRIMARY KEY,
    year           INTEGER NOT NULL REFERENCES annual_checks (year),
    serial         TEXT    NOT NULL REFERENCES certifications (serial),
    community_code TEXT    NOT NULL,
    community_name TEXT    NOT NULL,
    district_code  TEXT    NOT NULL,
    inspectors     TEXT    NOT NULL,
    passed         INTEGER CHECK (passed IN (0, 1)),
    findings       TEXT    NOT NULL,
    action         TEXT    NOT NULL,        -- '' | criticism | warning | rectification | revocation
    recorded_by    TEXT    NOT NULL,
    recorded_at    INTEGER,
    UNIQUE (year, serial)
);
