#pragma once
#include "domain/standards/standard_repository.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// Standards in the relational tables of migration 0002: one row per revision, its star levels,
/// its 一级/二级 categories and its indicators, each child row keyed by (id, revision, position)
/// so the catalogue comes back in the order it was written.
///
/// Reads are a fixed number of queries whatever the size of the catalogue: find() runs four
/// (revision, levels, categories, indicators), latest_all() runs four for every standard at once.
/// A stored word no mapping of the model knows (a kind, a provenance, a condition, a life
/// element) means the database was changed behind our back: kInternal, naming the row.
///
/// insert() answers kAlreadyExists for an existing (id, revision); replace() kNotFound for an
/// absent one and kFailedPrecondition `standard_frozen` for a frozen one; freeze() kNotFound for
/// an absent one and nothing for a frozen one. A catalogue the tables cannot hold (a repeated
/// indicator code or star) is kInvalidArgument `invalid_standard`; validate_standard() refuses
/// it first.
class SqliteStandardRepository final : public standards::StandardRepository {
public:
    explicit SqliteStandardRepository(sql::Connection& connection) : connection_(connection) {}

    Result<std::vector<standards::StoredStandard>> latest_all() override;
    Result<std::optional<standards::StoredStandard>> find(const std::string& id,
                                                          std::optional<int> revision) override;
    Result<std::optional<standards::RevisionHeader>> header(const std::string& id,
                                                            std::optional<int> revision) override;
    Result<std::vector<standards::RevisionHeader>> revisions(const std::string& id) override;
    Status insert(const standards::StoredStandard& stored) override;
    Status replace(const standards::StoredStandard& stored) override;
    Status freeze(const std::string& id, int revision) override;

private:
    Status insert_children(const standards::StoredStandard& stored);
    Status delete_children(const std::string& id, int revision);

    sql::Connection& connection_;
};

}  // namespace hx::storage::sqlite
