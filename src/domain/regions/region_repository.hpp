#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/regions/region.hpp"

namespace hx::regions {

/// Reads are filtered by a scope prefix (Actor::scope()) inside the repository: a node outside
/// the prefix is simply not there. `visible_scope` additionally admits the ancestors of
/// `actor_code`, so a community worker can see the names of its street and district.
class RegionRepository {
public:
    virtual ~RegionRepository() = default;

    /// The node itself if its code starts with `scope` or it is an ancestor of `actor_code`.
    virtual Result<std::optional<Region>> find(const std::string& code, const std::string& scope,
                                               const std::string& actor_code) = 0;
    /// Nodes with the given codes, unscoped (names of ancestors for breadcrumbs).
    virtual Result<std::vector<Region>> find_many(const std::vector<std::string>& codes) = 0;
    /// Children of a node that lie inside `scope`, optionally filtered by a name fragment.
    virtual Result<Page<Region>> children(const std::string& parent_code, const std::string& scope,
                                          const std::string& name_query,
                                          const PageRequest& page) = 0;
    /// Districts whose subtree meets `scope` (the district containing it, or all of them).
    virtual Result<std::vector<Region>> districts(const std::string& scope) = 0;
    /// Nodes inside `scope` whose name contains `name_query` (empty: every name), districts
    /// first; with kPilotOnly, the pilot communities only.
    virtual Result<Page<Region>> search(const std::string& scope, const std::string& name_query,
                                        std::optional<Level> level, PilotFilter pilot,
                                        const PageRequest& page) = 0;
    virtual Result<std::int64_t> count(Level level) = 0;
    /// Inserts or updates every node; the caller runs it inside one write transaction.
    virtual Status upsert(const std::vector<Region>& nodes) = 0;
    /// Every node of the tree, at every level.
    virtual Result<std::int64_t> count_all() = 0;
    /// Inserts new nodes, parents before children as given, into a tree that holds none of them
    /// (the national import): no conflict handling, and the secondary indexes rebuilt once at the
    /// end instead of row by row. The caller runs it inside one write transaction.
    virtual Status bulk_insert(const std::vector<Region>& nodes) = 0;
    virtual Status set_pilot(const std::string& community_code, bool pilot) = 0;
};

}  // namespace hx::regions
