#pragma once
#include "domain/applications/application.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// Applications and what hangs from them, in the tables of migration 0003.
///
/// Scoped reads filter by the scope's code range on community_code in SQL (scope_range: "" and
/// anything but 1–12 digits is kInvalidArgument). update() is a compare-and-set on `version`:
/// kFailedPrecondition `stale` unless the stored version is `application.version - 1`.
/// The claimed codes and an evaluation's checks are JSON text; a code or a reason that is not
/// valid UTF-8 is kInvalidArgument. A child row of an absent application is kNotFound; an
/// evaluation by an evaluator not assigned to the application is kFailedPrecondition
/// `not_assigned`. A stored word no mapping of the model knows is kInternal, naming the row.
///
/// put_review() and put_evaluation() replace the department's or the evaluator's earlier row;
/// add_assignment() refuses a second assignment of the same evaluator (kAlreadyExists
/// `already_assigned`).
class SqliteApplicationRepository final : public applications::ApplicationRepository {
public:
    explicit SqliteApplicationRepository(sql::Connection& connection) : connection_(connection) {}

    Result<std::int64_t> insert(const applications::Application& application) override;
    Result<std::optional<applications::Application>> find(std::int64_t id,
                                                          const std::string& scope) override;
    Status update(const applications::Application& application) override;
    /// Ordered by district, then recommendation rank (unranked last), then community code.
    Result<std::vector<applications::Application>> list(
        const applications::ApplicationFilter& filter) override;

    Status add_event(const applications::Event& event) override;
    /// In the order they were added.
    Result<std::vector<applications::Event>> events(std::int64_t application_id) override;

    Status put_review(std::int64_t application_id,
                      const applications::DistrictReview& review) override;
    /// In the order they were made (then by role).
    Result<std::vector<applications::DistrictReview>> reviews(std::int64_t application_id) override;
    Status clear_reviews(std::int64_t application_id) override;

    Result<std::int64_t> add_evidence(const applications::Evidence& evidence) override;
    /// In the order they were uploaded.
    Result<std::vector<applications::Evidence>> evidence(std::int64_t application_id) override;
    Result<std::optional<applications::Evidence>> find_evidence(std::int64_t evidence_id) override;

    Status add_assignment(const applications::Assignment& assignment) override;
    /// In the order they were assigned (then by evaluator).
    Result<std::vector<applications::Assignment>> assignments(std::int64_t application_id) override;
    Status put_evaluation(const applications::Evaluation& evaluation) override;
    /// In the order they were made (then by evaluator).
    Result<std::vector<applications::Evaluation>> evaluations(std::int64_t application_id) override;
    Status add_receipt(const applications::Receipt& receipt) override;
    Result<std::vector<applications::Receipt>> receipts(std::int64_t round_id) override;

private:
    /// The UPDATE of update(), which keeps the statistics' counters around it.
    Status update_row(const applications::Application& application);

    sql::Connection& connection_;
};

}  // namespace hx::storage::sqlite
