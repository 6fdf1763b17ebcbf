-- 0002: standards (指导标准) and their star rules, versioned by revision (第十三条; DESIGN.md §1).
-- A standard id has revisions 1, 2, …; a revision used by a round is frozen and never changes
-- again. Enum words (count_what, kind, provenance, conditions) are the model's to_string words
-- and are checked by the code that reads them, not here, so a new word needs no migration.
-- Positions are 0-based and give the catalogue order; they are rewritten on every replace.

CREATE TABLE standard_revisions (
    id         TEXT    NOT NULL,
    revision   INTEGER NOT NULL CHECK (revision >= 1),
    -- Bumped by every in-place replace, so caches keyed by (id, revision, generation) stay true.
    generation INTEGER NOT NULL CHECK (generation >= 1),
    name       TEXT    NOT NULL,
    version    TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    note       TEXT    NOT NULL,
    count_what TEXT    NOT NULL,   -- StarRules::count
    max_star   INTEGER NOT NULL,
    frozen     INTEGER NOT NULL DEFAULT 0 CHECK (frozen IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (id, revision)
) WITHOUT ROWID;

-- One row per star of the rules, in the order of the file (`position`).
CREATE TABLE standard_levels (
    id              TEXT    NOT NULL,
    revision        INTEGER NOT NULL,
    star            INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    min             INTEGER NOT NULL,
    conditions      TEXT    NOT NULL,  -- "mechanism,effective", in order; '' for none
    current_star_in TEXT,              -- "3,4", in order; NULL when the level sets none
    PRIMARY KEY (id, revision, star),
    UNIQUE (id, revision, position),
    FOREIGN KEY (id, revision) REFERENCES standard_revisions (id, revision) ON DELETE CASCADE
) WITHOUT ROWID;

-- 一级类别 (parent_position NULL) and 二级类别 (parent_position = its 一级's position) in one
-- sequence of positions: 一级 0, its 二级 1 and 2, the next 一级 3, …
CREATE TABLE standard_categories (
    id              TEXT    NOT NULL,
    revision        INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    code            TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    parent_position INTEGER,
    PRIMARY KEY (id, revision, position),
    FOREIGN KEY (id, revision) REFERENCES standard_revisions (id, revision) ON DELETE CASCADE,
    FOREIGN KEY (id, revision, parent_position)
        REFERENCES standard_categories (id, revision, position)
) WITHOUT ROWID;

CREATE TABLE standard_indicators (
    id                   TEXT    NOT NULL,
    revision             INTEGER NOT NULL,
    position             INTEGER NOT NULL,  -- catalogue order over the whole standard
    subcategory_position INTEGER NOT NULL,
    code                 TEXT    NOT NULL,
    title                TEXT    NOT NULL,
    description          TEXT,              -- NULL: absent; '' is kept as ''
    kind                 TEXT    NOT NULL,
    evidence_hint        TEXT,
    life_elements        TEXT    NOT NULL,  -- the characters in order, e.g. '吃购'; '' for none
    provenance           TEXT    NOT NULL,
    PRIMARY KEY (id, revision, position),
    UNIQUE (id, revision, code),
    FOREIGN KEY (id, revision) REFERENCES standard_revisions (id, revision) ON DELETE CASCADE,
    FOREIGN KEY (id, revision, subcategory_position)
        REFERENCES standard_categories (id, revision, position)
) WITHOUT ROWID;
CREATE INDEX standard_indicators_subcategory
    ON standard_indicators (id, revision, subcategory_position);
CREATE INDEX standard_categories_parent ON standard_categories (id, revision, parent_position);

-- A frozen revision never changes again (rounds keep the revision they opened with): no update
-- or delete of its row, and no insert, update or delete of its catalogue and rules. The
-- repository refuses first with a readable error; these triggers are the backstop.
CREATE TRIGGER standard_revisions_frozen_update BEFORE UPDATE ON standard_revisions
WHEN OLD.frozen = 1
BEGIN
    SELECT RAISE(ABORT, 'standard revision is frozen');
END;
CREATE TRIGGER standard_revisions_frozen_delete BEFORE DELETE ON standard_revisions
WHEN OLD.frozen = 1
BEGIN
    SELECT RAISE(ABORT, 'standard revision is frozen');
END;

CREATE TRIGGER standard_levels_frozen_insert BEFORE INSERT ON standard_levels
WHEN (SELECT frozen FROM standard_revisions WHERE id = NEW.id AND revision = NEW.revision) = 1
BEGIN
    SELECT RAISE(ABORT, 'standard revision is frozen');
END;
CREATE TRIGGER standard_levels_frozen_update BEFORE UPDATE ON standard_levels
WHEN (SELECT frozen FROM standard_revisions WHERE id = OLD.id AND revision = OLD.revision) = 1
BEGIN
    SELECT RAISE(ABORT, 'standard revision is frozen');
END;
CREATE TRIGGER standard_levels_frozen_delete BEFORE DELETE ON standard_levels
WHEN (SELECT frozen FROM standard_revisions WHERE id = OLD.id AND revision = OLD.revision) = 1
BEGIN
    SELECT RAISE(ABORT, 'standard revision is frozen');
END;

CREATE TRIGGER standard_categories_frozen_insert BEFORE INSERT ON standard_categories
WHEN (SELECT frozen FROM standard_revisions WHERE id = NEW.id AND revision = NEW.revision) = 1
BEGIN
    SELECT RAISE(ABORT, 'standard revision is frozen');
END;
CREATE TRIGGER standard_categories_frozen_update BEFORE UPDATE ON standard_categories
WHEN (SELECT frozen FROM standard_revisions WHERE id = OLD.id AND revision = OLD.revision) = 1
BEGIN
    SELECT RAISE(ABORT, 'standard revision is frozen');
END;
CREATE TRIGGER standard_categories_frozen_delete BEFORE DELETE ON standard_categories
WHEN (SELECT frozen FROM standard_revisions WHERE id = OLD.id AND revision = OLD.revision) = 1
BEGIN
    SELECT RAISE(ABORT, 'standard revision is frozen');
END;

CREATE TRIGGER standard_indicators_frozen_insert BEFORE INSERT ON standard_indicators
WHEN (SELECT frozen FROM standard_revisions WHERE id = NEW.id AND revision = NEW.revision) = 1
BEGIN
    SELECT RAISE(ABORT, 'standard revision is frozen');
END;
CREATE TRIGGER standard_indicators_frozen_update BEFORE UPDATE ON standard_indicators
WHEN (SELECT frozen FROM standard_revisions WHERE id = OLD.id AND revision = OLD.revision) = 1
BEGIN
    SELECT RAISE(ABORT, 'standard revision is frozen');
END;
CREATE TRIGGER standard_indicators_frozen_delete BEFORE DELETE ON standard_indicators
WHEN (SELECT frozen FROM standard_revisions WHERE id = OLD.id AND revision = OLD.revision) = 1
BEGIN
    SELECT RAISE(ABORT, 'standard revision is frozen');
END;
