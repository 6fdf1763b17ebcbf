#pragma once
#include "domain/audit/audit_record.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// The hash-chained audit log in `audit_log` (append-only: triggers refuse UPDATE and DELETE).
/// Filters: `from` and `to` are both inclusive; `username` matches exactly (ASCII case
/// ignored); `action` is a prefix; empty strings and absent values do not filter.
class SqliteAuditRepository final : public audit::AuditRepository {
public:
    explicit SqliteAuditRepository(sql::Connection& connection) : connection_(connection) {}

    /// The record with the highest seq, if any.
    Result<std::optional<audit::AuditRecord>> last() override;
    /// Writes the record with its own seq; kAlreadyExists when that seq is taken.
    Status append(const audit::AuditRecord& record) override;
    /// Newest first (seq descending), with the total of the filter.
    Result<regions::Page<audit::AuditRecord>> list(const audit::AuditFilter& filter,
                                                   const regions::PageRequest& page) override;
    /// Oldest first (seq ascending); stops at and returns the first error of `visit`.
    Status scan(const audit::AuditFilter& filter,
                const std::function<Status(const audit::AuditRecord&)>& visit) override;

private:
    sql::Connection& connection_;
};

}  // namespace hx::storage::sqlite
