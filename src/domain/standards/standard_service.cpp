#include "domain/standards/standard_service.hpp"

#include "domain/audit/audit_service.hpp"
#include "domain/identity/identity_service.hpp"
#include "domain/standards/validation.hpp"

namespace hx::standards {

const char* to_string(ImportOutcome outcome) {
    switch (outcome) {
        case ImportOutcome::kCreated: return "created";
        case ImportOutcome::kReplaced: return "replaced";
        case ImportOutcome::kNewRevision: return "new_revision";
        case ImportOutcome::kUnchanged: return "unchanged";
    }
    return "created";
}

bool same_content(const Standard& a, const Standard& b) {
    return a == b;
}

Result<std::vector<StoredStandard>> StandardService::list() {
    std::vector<StoredStandard> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, repos.standards().latest_all());
        return ok();
    }));
    return out;
}

Result<StoredStandard> StandardService::get(const std::string& id, std::optional<int> revision) {
    std::optional<StoredStandard> found;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(found, repos.standards().find(id, revision));
        return ok();
    }));
    if (!found) {
        return fail(Error::not_found(revision ? "标准 '" + id + "' 没有第 " +
                                                    std::to_string(*revision) + " 版"
                                              : "标准 '" + id + "' 不存在"));
    }
    return std::move(*found);
}

Result<std::vector<RevisionHeader>> StandardService::revisions(const std::string& id) {
    std::vector<RevisionHeader> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, repos.standards().revisions(id));
        return ok();
    }));
    if (out.empty()) return fail(Error::not_found("标准 '" + id + "' 不存在"));
    return out;
}

Result<ImportResult> StandardService::import(const identity::Actor& actor,
                                             const Standard& standard) {
    // 第二十二条: the measures (and so their standards) are the city departments' to interpret;
    // 市社会办 keeps the catalogue.
    if (actor.role != identity::Role::kCitySocial) {
        return fail(Error::forbidden("只有市社会办可以导入或修改认定标准"));
    }
    return import_as(actor, standard);
}

Result<ImportResult> StandardService::import_locally(const Standard& standard) {
    return import_as(identity::cli_operator(), standard);
}

Result<ImportResult> StandardService::import_as(const identity::Actor& actor,
                                                const Standard& standard) {
    RETURN_IF_ERROR(validate_standard(standard));
    ImportResult result;
    const auto now = clock_.now();
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto latest, repos.standards().find(standard.id, std::nullopt));
        if (latest && same_content(latest->standard, standard)) {
            result = {std::move(*latest), ImportOutcome::kUnchanged};
            return ok();
        }
        StoredStandard stored{standard, 1, false, 1, now, now};
        if (!latest) {
            result.outcome = ImportOutcome::kCreated;
            RETURN_IF_ERROR(repos.standards().insert(stored));
        } else if (latest->frozen) {
            // A round uses the latest revision: it stays as it is, the change is a new one.
            stored.revision = latest->revision + 1;
            result.outcome = ImportOutcome::kNewRevision;
            RETURN_IF_ERROR(repos.standards().insert(stored));
        } else {
            stored.revision = latest->revision;
            stored.generation = latest->generation + 1;
            stored.created_at = latest->created_at;
            result.outcome = ImportOutcome::kReplaced;
            RETURN_IF_ERROR(repos.standards().replace(stored));
        }
        result.stored = stored;
        return audit::record(
            repos, clock_, actor,
            {"standard.import", "standard:" + standard.id + "@" + std::to_string(stored.revision),
             audit::Outcome::kSuccess,
             std::string(to_string(result.outcome)) + " version " + standard.version});
    }));
    return result;
}

Status StandardService::freeze(Repositories& repos, const std::string& id, int revision) {
    return repos.standards().freeze(id, revision);
}

Result<std::shared_ptr<const RatingEngine>> StandardService::engine(const std::string& id,
                                                                    std::optional<int> revision) {
    // A frozen revision never changes again: its engine needs no database read at all (every
    // application names its round's frozen revision).
    if (revision) {
        const std::lock_guard lock(cache_mutex_);
        if (const auto it = frozen_.find({id, *revision}); it != frozen_.end()) return it->second;
    }
    std::optional<RevisionHeader> header;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(header, repos.standards().header(id, revision));
        return ok();
    }));
    if (!header) return fail(Error::not_found("标准 '" + id + "' 不存在"));
    const auto key = std::make_tuple(id, header->revision, header->generation);
    {
        const std::lock_guard lock(cache_mutex_);
        if (const auto it = cache_.find(key); it != cache_.end()) return it->second;
    }
    ASSIGN_OR_RETURN(auto stored, get(id, header->revision));
    ASSIGN_OR_RETURN(auto compiled, RatingEngine::create(std::move(stored.standard)));
    auto engine = std::make_shared<const RatingEngine>(std::move(compiled));
    const std::lock_guard lock(cache_mutex_);
    // Older generations of the same revision can go: they are never asked for again.
    std::erase_if(cache_, [&](const auto& entry) {
        return std::get<0>(entry.first) == id && std::get<1>(entry.first) == header->revision;
    });
    cache_.emplace(key, engine);
    if (header->frozen) frozen_.emplace(std::make_pair(id, header->revision), engine);
    return engine;
}

}  // namespace hx::standards
