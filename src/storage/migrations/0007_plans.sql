-- 0007: the districts' yearly plans toward the city target (第二条, 第十四条4), and indexes for
-- the statistics (coverage, plans against results) that stay fast at national scale.
-- The city target itself is two settings: plans.city_target and plans.city_target_year.

-- A district's planned additions for one year; note is the district's own words.
CREATE TABLE plans (
    district_code TEXT    NOT NULL REFERENCES regions (code),
    year          INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    planned       INTEGER NOT NULL CHECK (planned >= 0),
    note          TEXT    NOT NULL,
    updated_by    TEXT    NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (district_code, year)
);
CREATE INDEX plans_year ON plans (year, district_code);

-- Coverage counts active certifications (status IN (valid, under_rectification)) per district
-- over a range of community codes.
CREATE INDEX certifications_status_community ON certifications (status, community_code);
-- Plans against results group the certified communities by year and district.
CREATE INDEX certifications_year_district ON certifications (year, district_code, community_code);
