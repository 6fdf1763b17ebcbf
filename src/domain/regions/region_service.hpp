#pragma once
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/identity/user.hpp"
#include "domain/regions/region.hpp"
#include "domain/store.hpp"

namespace hx::regions {

struct NodeView {
    Region region;
    std::vector<Region> ancestors;  // city first
    Page<Region> children;
};

struct CommunityView {
    Region community;
    Region street;
    Region district;
};

struct SearchHit {
    Region region;
    std::vector<Region> path;  // the ancestors, city first
};

struct ImportSummary {
    std::int64_t provinces = 0;  // top-level nodes in the file: the national import's provinces
    std::int64_t districts = 0;
    std::int64_t streets = 0;
    std::int64_t communities = 0;
    std::int64_t pilots = 0;
};

/// Parses the division CSV (header: district_code,district_name,street_code,street_name,
/// community_code,community_name,kind[,pilot]). Every bad row is reported with its line
/// number; the nodes come back only when there is none.
Result<std::vector<Region>> parse_divisions_csv(std::istream& in);

struct TreeCounts {
    std::int64_t districts = 0;
    std::int64_t streets = 0;
    std::int64_t communities = 0;
};

class RegionService {
public:
    RegionService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    /// How many nodes of each level the tree holds (public: shown on the home page).
    Result<TreeCounts> counts();
    Result<std::vector<Region>> districts(const identity::Actor& actor);
    /// The city's districts for the public site's filters (division names are public data).
    Result<std::vector<Region>> public_districts();
    Result<NodeView> node(const identity::Actor& actor, const std::string& code,
                          const std::string& name_query, const PageRequest& page);
    Result<CommunityView> community(const identity::Actor& actor, const std::string& code);
    /// A name is required unless `pilot` asks for the pilot communities (then it may be empty).
    Result<Page<SearchHit>> search(const identity::Actor& actor, const std::string& name_query,
                                std::optional<Level> level, PilotFilter pilot,
                                const PageRequest& page);
    /// city_social marks a pilot community (首批试点, 第九条).
    Result<Region> set_pilot(const identity::Actor& actor, const std::string& code, bool pilot);
    /// Loads the whole tree in one transaction: nothing is half-imported.
    Result<ImportSummary> import(const identity::Actor& actor, const std::vector<Region>& nodes);

    /// Loads China's tree (parse_national_csv) into a database that holds nothing but the root
    /// every database starts with, in one transaction (RegionRepository::bulk_insert); refused
    /// when the tree already has nodes below that root. Not a Beijing deployment's operation:
    /// the national database is a separate file (docs/operations.md).
    Result<ImportSummary> import_national(const identity::Actor& actor, std::vector<Region> nodes);

private:
    Store& store_;
    const Clock& clock_;
};

}  // namespace hx::regions
