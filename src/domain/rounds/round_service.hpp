#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/identity/user.hpp"
#include "domain/rounds/round.hpp"
#include "domain/store.hpp"

namespace hx::rounds {

struct NewRound {
    int year = 0;
    std::string kind;
    std::string standard_id;
    std::optional<int> standard_revision;  // the latest when absent
    std::optional<std::string> scope;      // pilot_only for a pilot round, all otherwise
    std::optional<Timestamp> community_deadline;
    std::optional<Timestamp> district_deadline;
    std::optional<int> notice_days;
    std::optional<std::string> name;
};

class RoundService {
public:
    RoundService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    /// city_social creates a round in draft: checks every field, lists every problem.
    Result<Round> create(const identity::Actor& actor, const NewRound& request);
    /// city_social opens a draft round; its standard revision is frozen from then on.
    Result<Round> open(const identity::Actor& actor, std::int64_t id);
    /// Every signed-in business role sees the rounds (the calendar is public business).
    Result<std::vector<Round>> list(const identity::Actor& actor);
    Result<Round> get(const identity::Actor& actor, std::int64_t id);

private:
    Store& store_;
    const Clock& clock_;
};

/// 404 for the administrators (三员分立: no business data), ok for every business role.
Status require_business_role(const identity::Actor& actor);

}  // namespace hx::rounds
