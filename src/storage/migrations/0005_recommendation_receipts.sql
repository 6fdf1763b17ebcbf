-- 0005: 第十四条2 — a district's recommended applications go to 市社会办, 市经济信息化委 and 市民政局
-- (申报表一式三份). Each city department confirms it received the district's package; the
-- district sees the three receipts.
CREATE TABLE recommendation_receipts (
    round_id      INTEGER NOT NULL REFERENCES rounds (id),
    district_code TEXT    NOT NULL,
    role          TEXT    NOT NULL,          -- city_social | city_econ_it | city_civil
    username      TEXT    NOT NULL,
    at            INTEGER NOT NULL,
    PRIMARY KEY (round_id, district_code, role)
) WITHOUT ROWID;
