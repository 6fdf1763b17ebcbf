#pragma once
/// Standards as the city manages them: list, read, import (JSON or XLSX, parsed by an
/// adapter into a Standard), versions, freezing, and rating against a stored standard.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/identity/user.hpp"
#include "domain/standards/rating.hpp"
#include "domain/standards/standard_repository.hpp"
#include "domain/store.hpp"

namespace hx::standards {

enum class ImportOutcome {
    kCreated,      // a new standard id, revision 1
    kReplaced,     // the latest revision was not used by any round: replaced in place
    kNewRevision,  // the latest revision is frozen: the import became the next revision
    kUnchanged,    // the same catalogue and rules as the latest revision
};
const char* to_string(ImportOutcome outcome);

struct ImportResult {
    StoredStandard stored;
    ImportOutcome outcome = ImportOutcome::kCreated;
};

class StandardService {
public:
    StandardService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    /// The latest revision of each standard (public: the catalogue is published).
    Result<std::vector<StoredStandard>> list();
    Result<StoredStandard> get(const std::string& id, std::optional<int> revision);
    Result<std::vector<RevisionHeader>> revisions(const std::string& id);

    /// city_social only. Validates everything first (every problem listed, nothing stored).
    Result<ImportResult> import(const identity::Actor& actor, const Standard& standard);
    /// The command line's import, audited as the local operator.
    Result<ImportResult> import_locally(const Standard& standard);
    /// Freezes a revision inside the caller's transaction (a round opening on it).
    static Status freeze(Repositories& repos, const std::string& id, int revision);

    /// The compiled engine of a revision, cached by (id, revision, generation).
    Result<std::shared_ptr<const RatingEngine>> engine(const std::string& id,
                                                       std::optional<int> revision);

private:
    Result<ImportResult> import_as(const identity::Actor& actor, const Standard& standard);

    Store& store_;
    const Clock& clock_;
    std::mutex cache_mutex_;
    std::map<std::tuple<std::string, int, std::int64_t>, std::shared_ptr<const RatingEngine>>
        cache_;
    std::map<std::pair<std::string, int>, std::shared_ptr<const RatingEngine>> frozen_;
};

/// Whether two standards say the same (catalogue, rules, names).
bool same_content(const Standard& a, const Standard& b);

}  // namespace hx::standards
