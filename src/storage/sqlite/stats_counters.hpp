#pragma once
/// The statistics' counters of migration 0013 (round_counts, round_indicator_counts): the funnel
/// and the indicator achievement of each round and district, kept current by the repositories in
/// the transaction of every write that changes them, so that a statistic reads a few hundred
/// counter rows instead of every application, its events and its JSON (docs/performance.md § S5).
///
/// One rule keeps them right: what an application contributes (its share) is read before and
/// after a write that may change it, and the difference is added. The same shares summed from
/// the raw rows (recount) rebuild them after migration 0013 and check them in the tests.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "core/result.hpp"
#include "storage/sql/connection.hpp"

namespace hx::storage::sqlite {

/// Per (round, district): applications, applied, recommended, certified, sanctioned, evaluated.
using DistrictFigures = std::array<std::int64_t, 6>;
/// Per (round, district, indicator code): claimed, verified.
using IndicatorFigures = std::array<std::int64_t, 2>;

struct Counters {
    std::map<std::pair<std::int64_t, std::string>, DistrictFigures> districts;
    std::map<std::tuple<std::int64_t, std::string, std::string>, IndicatorFigures> indicators;

    /// Adds `other` times `sign` (+1 or -1); entries left all zero are dropped.
    void add(const Counters& other, std::int64_t sign);
    friend bool operator==(const Counters&, const Counters&) = default;
};

/// Which part of a share a write can change: the funnel figures alone (a submission, a
/// sanction, a rank or a state), or the indicator figures too (an assessment, an evaluation,
/// a change of round or district).
enum class SharePart { kFigures, kAll };

/// What one application contributes (nothing when it does not exist); with kFigures, no
/// indicator entries (its JSON is not read).
Result<Counters> application_share(sql::Connection& connection, std::int64_t application_id,
                                   SharePart part = SharePart::kAll);

/// Adds `after - before` to the stored counters.
Status apply_difference(sql::Connection& connection, const Counters& before, const Counters& after);

/// Runs `write` (a callable returning Status) and moves the counters by the change it made to
/// `application_id`'s share, in the caller's transaction.
template <typename Write>
Status with_counters(sql::Connection& connection, std::int64_t application_id, SharePart part,
                     Write&& write) {
    ASSIGN_OR_RETURN(auto before, application_share(connection, application_id, part));
    RETURN_IF_ERROR(write());
    ASSIGN_OR_RETURN(auto after, application_share(connection, application_id, part));
    return apply_difference(connection, before, after);
}

/// The columns of an application row that its share depends on (besides its events,
/// evaluations and sanctions); `achieved` as the row stores it (JSON text).
struct ShareColumns {
    std::int64_t round_id = 0;
    std::string district_code;
    std::string achieved;
    bool recommended = false;
    bool certified = false;
};

/// Which part of its share writing `columns` over application `application_id` can change;
/// nothing for most updates (a review, a state other than certified), which skip the share
/// reads.
Result<std::optional<SharePart>> share_columns_differ(sql::Connection& connection,
                                                      std::int64_t application_id,
                                                      const ShareColumns& columns);

/// The counters as stored (zero rows left out).
Result<Counters> stored_counters(sql::Connection& connection);
/// The counters summed from the raw rows (applications, events, evaluations, sanctions).
Result<Counters> recount(sql::Connection& connection);
/// Replaces the stored counters by the recount and clears migration 0013's mark.
Status rebuild_counters(sql::Connection& connection);
/// rebuild_counters() when migration 0013's mark (settings `stats.rebuild_counters`) is set.
Status rebuild_counters_if_requested(sql::Connection& connection);

}  // namespace hx::storage::sqlite
