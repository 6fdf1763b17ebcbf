-- 0013: the statistics' counters (docs/performance.md § S5 national). The funnel of a round and
-- the indicator achievement rates were counted from the raw rows at every read — two correlated
-- EXISTS per application, and each application's assessment and evaluations parsed as JSON — which
-- took seconds over China's 620,573 communities. They are kept here instead, per round and district
-- (the smallest scope a statistic is read for), by the repositories in the same transaction as every
-- write that changes them (storage/sqlite/stats_counters.*): an application saved, a submission, an
-- evaluation, a sanction. Rows whose figures are all zero may stay; the reads leave them out.
CREATE TABLE round_counts (
    round_id      INTEGER NOT NULL REFERENCES rounds (id),
    district_code TEXT    NOT NULL,
    applications  INTEGER NOT NULL DEFAULT 0,  -- created (自评)
    applied       INTEGER NOT NULL DEFAULT 0,  -- submitted at least once
    recommended   INTEGER NOT NULL DEFAULT 0,  -- holding a recommendation rank
    certified     INTEGER NOT NULL DEFAULT 0,  -- state certified
    sanctioned    INTEGER NOT NULL DEFAULT 0,  -- its certification sanctioned at least once
    evaluated     INTEGER NOT NULL DEFAULT 0,  -- with at least one evaluation
    PRIMARY KEY (round_id, district_code)
);

-- Per round, district and indicator code: applications claiming it, and applications where a
-- majority of their evaluators verified it.
CREATE TABLE round_indicator_counts (
    round_id      INTEGER NOT NULL REFERENCES rounds (id),
    district_code TEXT    NOT NULL,
    code          TEXT    NOT NULL,
    claimed       INTEGER NOT NULL DEFAULT 0,
    verified      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (round_id, district_code, code)
);

-- The counters of the applications that exist already are counted once from the raw rows; that
-- needs each engine's JSON functions, so the next `migrate` (also at init and serve) does it in
-- C++ in one transaction with the removal of this mark (StatsRepository::rebuild_counters).
INSERT INTO settings (key, value) VALUES ('stats.rebuild_counters', '1')
ON CONFLICT (key) DO NOTHING;
