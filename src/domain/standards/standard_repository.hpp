#pragma once
/// Standards are versioned (第十三条; DESIGN.md §1): each import of an id makes or replaces a
/// revision. A revision used by a round is frozen and never changes again; importing over a
/// frozen revision makes the next one, and rounds keep the revision they opened with.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/standards/standard.hpp"

namespace hx::standards {

struct StoredStandard {
    Standard standard;
    int revision = 1;
    bool frozen = false;
    /// Bumped whenever an unfrozen revision is replaced in place, so a cache keyed by
    /// (id, revision, generation) never serves a stale catalogue.
    std::int64_t generation = 1;
    Timestamp created_at;
    Timestamp updated_at;
};

/// The header of a revision, cheap to read (no catalogue).
struct RevisionHeader {
    std::string id;
    int revision = 1;
    std::int64_t generation = 1;
    bool frozen = false;
};

class StandardRepository {
public:
    virtual ~StandardRepository() = default;
    /// The latest revision of every standard, ordered by id.
    virtual Result<std::vector<StoredStandard>> latest_all() = 0;
    /// One revision (the latest when `revision` is absent), or nothing.
    virtual Result<std::optional<StoredStandard>> find(const std::string& id,
                                                       std::optional<int> revision) = 0;
    virtual Result<std::optional<RevisionHeader>> header(const std::string& id,
                                                         std::optional<int> revision) = 0;
    /// Every revision of one standard, newest first.
    virtual Result<std::vector<RevisionHeader>> revisions(const std::string& id) = 0;
    /// Stores a new revision (`stored.revision` must not exist yet).
    virtual Status insert(const StoredStandard& stored) = 0;
    /// Replaces an unfrozen revision's catalogue and rules; bumps its generation.
    virtual Status replace(const StoredStandard& stored) = 0;
    virtual Status freeze(const std::string& id, int revision) = 0;
};

}  // namespace hx::standards
