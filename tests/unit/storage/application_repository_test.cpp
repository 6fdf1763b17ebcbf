// SqliteApplicationRepository: applications and their history, reviews, evidence, assignments
// and evaluations in the tables of migration 0003.
#include "storage/sqlite/application_repository.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "application_test_support.hpp"
#include "domain/applications/application.hpp"
#include "domain/rounds/round.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage {
namespace {

using applications::Action;
using applications::Application;
using applications::ApplicationFilter;
using applications::Assignment;
using applications::DistrictReview;
using applications::Evaluation;
using applications::Event;
using applications::Evidence;
using applications::IndicatorCheck;
using applications::State;
using identity::Role;
using test_support::at_ms;

constexpr const char* kHash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

/// An application of `community_code` with every field away from its default.
Application sample_application(std::int64_t round_id, const std::string& community_code) {
    Application application = test_support::application_of(round_id, community_code);
    application.current_star = 3;
    application.target_star = 4;
    application.state = State::kStreetApproved;
    // Codes may hold anything but whitespace: commas, quotes, backslashes, CJK.
    application.assessment.achieved = {"1.1", "a,b", "引号\"", "back\\slash", "二.3"};
    application.assessment.mechanism = true;
    application.assessment.mechanism_note = "每季度更新一次";
    application.assessment.effective = true;
    application.assessment.effectiveness_note = "居民满意度 95%";
    application.recommendation_rank = 2;
    application.decided_star = 0;
    application.submitted_at = at_ms(1'761'000'000'001);
    application.created_at = at_ms(1'760'000'000'002);
    application.updated_at = at_ms(1'761'000'000'003);
    application.version = 4;
    return application;
}

void expect_same_application(const Application& actual, const Application& expected) {
    EXPECT_EQ(actual.round_id, expected.round_id);
    EXPECT_EQ(actual.community_code, expected.community_code);
    EXPECT_EQ(actual.community_name, expected.community_name);
    EXPECT_EQ(actual.street_code, expected.street_code);
    EXPECT_EQ(actual.district_code, expected.district_code);
    EXPECT_EQ(actual.current_star, expected.current_star);
    EXPECT_EQ(actual.target_star, expected.target_star);
    EXPECT_EQ(actual.state, expected.state);
    EXPECT_EQ(actual.assessment.achieved, expected.assessment.achieved);
    EXPECT_EQ(actual.assessment.mechanism, expected.assessment.mechanism);
    EXPECT_EQ(actual.assessment.mechanism_note, expected.assessment.mechanism_note);
    EXPECT_EQ(actual.assessment.effective, expected.assessment.effective);
    EXPECT_EQ(actual.assessment.effectiveness_note, expected.assessment.effectiveness_note);
    EXPECT_EQ(actual.recommendation_rank, expected.recommendation_rank);
    EXPECT_EQ(actual.decided_star, expected.decided_star);
    EXPECT_EQ(actual.submitted_at, expected.submitted_at);
    EXPECT_EQ(actual.created_at, expected.created_at);
    EXPECT_EQ(actual.updated_at, expected.updated_at);
    EXPECT_EQ(actual.version, expected.version);
}

std::vector<std::string> communities_of(const std::vector<Application>& list) {
    std::vector<std::string> codes;
    for (const auto& application : list) codes.push_back(application.community_code);
    return codes;
}

class ApplicationRepositoryTest : public test_support::TwoRoundStoreTest {
protected:
    Result<std::int64_t> insert(const Application& application) {
        std::int64_t id = 0;
        const auto status = store_->write([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(id, r.applications().insert(application));
            return ok();
        });
        if (!status) return fail(status.error());
        return id;
    }

    /// Inserts and fails the test when refused; the new id.
    std::int64_t add(const Application& application) {
        const auto id = insert(application);
        EXPECT_TRUE(id) << id.error().message();
        return id ? *id : 0;
    }

    Result<std::optional<Application>> find(std::int64_t id, const std::string& scope) {
        std::optional<Application> found;
        const auto status = store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(found, r.applications().find(id, scope));
            return ok();
        });
        if (!status) return fail(status.error());
        return found;
    }

    Status update(const Application& application) {
        return store_->write([&](Repositories& r) { return r.applications().update(application); });
    }

    Result<std::vector<Application>> list(const ApplicationFilter& filter) {
        std::vector<Application> out;
        const auto status = store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(out, r.applications().list(filter));
            return ok();
        });
        if (!status) return fail(status.error());
        return out;
    }

    std::vector<std::string> listed(ApplicationFilter filter) {
        const auto out = list(filter);
        EXPECT_TRUE(out) << out.error().message();
        return out ? communities_of(*out) : std::vector<std::string>{};
    }

    /// Runs `work` on the application repository in a write transaction.
    template <typename Work>
    Status write(Work work) {
        return store_->write([&](Repositories& r) -> Status { return work(r.applications()); });
    }

    /// Reads with `read` (a method of the repository returning Result<T>) in a read transaction.
    template <typename T, typename Read>
    T read(Read read_with) {
        T out{};
        const auto status = store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(out, read_with(r.applications()));
            return ok();
        });
        EXPECT_TRUE(status) << status.error().message();
        return out;
    }

};

// ---- Applications ------------------------------------------------------------------------------

TEST_P(ApplicationRepositoryTest, InsertThenFindRoundTripsEveryField) {
    const Application application = sample_application(round_id_, "110101001001");
    const auto id = insert(application);
    HX_ASSERT_OK(id);
    const auto found = find(*id, "110101");
    HX_ASSERT_OK(found);
    ASSERT_TRUE(*found);
    EXPECT_EQ((*found)->id, *id);
    expect_same_application(**found, application);
}

TEST_P(ApplicationRepositoryTest, AbsentOptionalsAndEveryStateRoundTrip) {
    const std::vector<State> states = {
        State::kDraft,          State::kSubmitted,        State::kReturned,
        State::kStreetApproved, State::kDistrictReviewed, State::kNotRecommended,
        State::kRecommended,    State::kEvaluating,       State::kProposed,
        State::kRejected,       State::kWithdrawn,
    };
    Application application = sample_application(round_id_, "110101001001");
    application.assessment = {};
    application.recommendation_rank.reset();
    application.decided_star.reset();
    application.submitted_at.reset();
    application.version = 1;
    const auto id = insert(application);
    HX_ASSERT_OK(id);
    application.id = *id;
    for (const auto state : states) {
        SCOPED_TRACE(applications::to_string(state));
        application.state = state;
        ++application.version;
        HX_ASSERT_OK(update(application));
        const auto found = find(*id, "11");
        HX_ASSERT_OK(found);
        ASSERT_TRUE(*found);
        expect_same_application(**found, application);
    }
}

TEST_P(ApplicationRepositoryTest, OneApplicationPerCommunityAndRound) {
    HX_ASSERT_OK(insert(sample_application(round_id_, "110101001001")));
    const auto again = insert(sample_application(round_id_, "110101001001"));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code(), ErrorCode::kAlreadyExists);
    EXPECT_EQ(again.error().reason(), "application_exists");
    EXPECT_NE(again.error().message().find("110101001001"), std::string::npos);
    // The same community in another round, another community in the same round.
    HX_EXPECT_OK(insert(sample_application(other_round_id_, "110101001001")));
    HX_EXPECT_OK(insert(sample_application(round_id_, "110101001002")));
}

TEST_P(ApplicationRepositoryTest, UnknownRoundOrCommunityIsRefused) {
    const auto no_round = insert(sample_application(999, "110101001001"));
    ASSERT_FALSE(no_round);
    EXPECT_EQ(no_round.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(no_round.error().reason(), "unknown_reference");
    const auto no_community = insert(sample_application(round_id_, "110101001099"));
    ASSERT_FALSE(no_community);
    EXPECT_EQ(no_community.error().reason(), "unknown_reference");
}

TEST_P(ApplicationRepositoryTest, FindKeepsToTheScope) {
    const auto id = add(sample_application(round_id_, "110108001001"));  // 海淀区
    // 东城区 and its streets and communities do not see it; the city and 海淀区 do.
    for (const std::string scope : {"110101", "110101001", "110101001001", "110108002"}) {
        SCOPED_TRACE(scope);
        const auto found = find(id, scope);
        HX_ASSERT_OK(found);
        EXPECT_FALSE(*found);
    }
    for (const std::string scope : {"11", "110108", "110108001", "110108001001"}) {
        SCOPED_TRACE(scope);
        const auto found = find(id, scope);
        HX_ASSERT_OK(found);
        EXPECT_TRUE(*found);
    }
    const auto absent = find(id + 1, "11");
    HX_ASSERT_OK(absent);
    EXPECT_FALSE(*absent);
}

TEST_P(ApplicationRepositoryTest, AnEmptyOrMalformedScopeIsRefused) {
    const auto id = add(sample_application(round_id_, "110101001001"));
    for (const std::string scope : {"", "11%", "1101010010011", "abc"}) {
        SCOPED_TRACE(scope);
        const auto found = find(id, scope);
        ASSERT_FALSE(found);
        EXPECT_EQ(found.error().code(), ErrorCode::kInvalidArgument);
        ApplicationFilter filter;
        filter.round_id = round_id_;
        filter.scope = scope;
        const auto refused = list(filter);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidArgument);
    }
}

TEST_P(ApplicationRepositoryTest, UpdateIsACompareAndSetOnTheVersion) {
    Application application = sample_application(round_id_, "110101001001");
    application.version = 1;
    const auto id = add(application);

    const auto read = find(id, "11");
    HX_ASSERT_OK(read);
    ASSERT_TRUE(*read);
    // Two writers start from the same read.
    Application first = **read;
    Application second = **read;
    first.state = State::kDistrictReviewed;
    first.version += 1;
    second.state = State::kReturned;
    second.version += 1;
    HX_ASSERT_OK(update(first));
    const auto stale = update(second);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code(), ErrorCode::kFailedPrecondition);
    EXPECT_EQ(stale.error().reason(), "stale");
    EXPECT_EQ(stale.error().message(), "申报已被他人修改，请刷新后重试");

    const auto now = find(id, "11");
    HX_ASSERT_OK(now);
    ASSERT_TRUE(*now);
    EXPECT_EQ((*now)->state, State::kDistrictReviewed);
    EXPECT_EQ((*now)->version, 2);

    // A writer that forgets to bump the version, or jumps it, is stale too.
    Application unbumped = **now;
    EXPECT_FALSE(update(unbumped));
    Application jumped = **now;
    jumped.version += 2;
    EXPECT_FALSE(update(jumped));
    Application absent = **now;
    absent.id = id + 100;
    absent.version += 1;
    const auto missing = update(absent);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().reason(), "stale");
}

TEST_P(ApplicationRepositoryTest, UpdateWritesEveryField) {
    Application application = sample_application(round_id_, "110101001001");
    const auto id = add(application);
    Application changed = sample_application(other_round_id_, "110101002001");
    changed.id = id;
    changed.community_name = "改名社区";
    changed.current_star = 0;
    changed.target_star = 1;
    changed.state = State::kProposed;
    changed.assessment.achieved = {"9"};
    changed.assessment.mechanism = false;
    changed.assessment.mechanism_note = "";
    changed.assessment.effective = false;
    changed.assessment.effectiveness_note = "无";
    changed.recommendation_rank.reset();
    changed.decided_star = 5;
    changed.submitted_at.reset();
    changed.created_at = at_ms(1'800'000'000'001);
    changed.updated_at = at_ms(1'800'000'000'002);
    changed.version = application.version + 1;
    HX_ASSERT_OK(update(changed));
    const auto found = find(id, "11");
    HX_ASSERT_OK(found);
    ASSERT_TRUE(*found);
    expect_same_application(**found, changed);
}

TEST_P(ApplicationRepositoryTest, UpdateRefusesADuplicateCommunityInTheRound) {
    const auto first = add(sample_application(round_id_, "110101001001"));
    static_cast<void>(first);
    Application second = sample_application(round_id_, "110101001002");
    second.id = add(second);
    second.community_code = "110101001001";
    second.version += 1;
    const auto refused = update(second);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().reason(), "application_exists");
}

TEST_P(ApplicationRepositoryTest, ListFiltersByRoundStateScopeAndEvaluator) {
    // Out of every order on purpose: ranks, districts and codes.
    Application a = sample_application(round_id_, "110108001001");  // 海淀
    a.state = State::kRecommended;
    a.recommendation_rank = 1;
    Application b = sample_application(round_id_, "110101002001");  // 东城, unranked
    b.state = State::kSubmitted;
    b.recommendation_rank.reset();
    Application c = sample_application(round_id_, "110101001002");  // 东城, rank 1
    c.state = State::kRecommended;
    c.recommendation_rank = 1;
    Application d = sample_application(round_id_, "110101001001");  // 东城, rank 2
    d.state = State::kRecommended;
    d.recommendation_rank = 2;
    Application e = sample_application(other_round_id_, "110101001001");  // another round
    const auto a_id = add(a);
    const auto b_id = add(b);
    add(c);
    const auto d_id = add(d);
    add(e);

    ApplicationFilter filter;
    filter.round_id = round_id_;
    filter.scope = "11";
    // By district, then rank with the unranked last, then code.
    EXPECT_EQ(listed(filter), (std::vector<std::string>{"110101001002", "110101001001",
                                                        "110101002001", "110108001001"}));
    filter.state = State::kRecommended;
    EXPECT_EQ(listed(filter),
              (std::vector<std::string>{"110101001002", "110101001001", "110108001001"}));
    filter.scope = "110101";
    EXPECT_EQ(listed(filter), (std::vector<std::string>{"110101001002", "110101001001"}));
    filter.scope = "110108";
    EXPECT_EQ(listed(filter), (std::vector<std::string>{"110108001001"}));
    filter.state = State::kDraft;
    EXPECT_TRUE(listed(filter).empty());
    filter.state.reset();
    filter.round_id = other_round_id_;
    filter.scope = "11";
    EXPECT_EQ(listed(filter), (std::vector<std::string>{"110101001001"}));
    filter.round_id = 999;
    EXPECT_TRUE(listed(filter).empty());

    // Only what is assigned to the evaluator (whose name compares without regard to case).
    HX_ASSERT_OK(write([&](applications::ApplicationRepository& repo) -> Status {
        RETURN_IF_ERROR(repo.add_assignment({a_id, "expert1", "110000", at_ms(5), at_ms(1)}));
        RETURN_IF_ERROR(repo.add_assignment({d_id, "expert1", "110000", at_ms(5), at_ms(1)}));
        RETURN_IF_ERROR(repo.add_assignment({d_id, "expert2", "110108", at_ms(5), at_ms(1)}));
        return repo.add_assignment({b_id, "expert2", "110108", at_ms(5), at_ms(1)});
    }));
    filter = {};
    filter.round_id = round_id_;
    filter.scope = "11";
    filter.evaluator = "Expert1";
    EXPECT_EQ(listed(filter), (std::vector<std::string>{"110101001001", "110108001001"}));
    filter.evaluator = "expert2";
    EXPECT_EQ(listed(filter), (std::vector<std::string>{"110101001001", "110101002001"}));
    filter.state = State::kSubmitted;
    EXPECT_EQ(listed(filter), (std::vector<std::string>{"110101002001"}));
    filter.state.reset();
    filter.evaluator = "nobody";
    EXPECT_TRUE(listed(filter).empty());
}

// ---- History -----------------------------------------------------------------------------------

TEST_P(ApplicationRepositoryTest, EventsRoundTripInTheOrderAdded) {
    const auto id = add(sample_application(round_id_, "110101001001"));
    // One event per row of the transition table: every action and role word the workflow uses.
    std::vector<Event> added;
    std::int64_t user = 10;
    for (const auto& transition : applications::transitions()) {
        Event event;
        event.application_id = id;
        event.at = at_ms(2'000'000'000'000 - user);  // later events carry earlier times
        event.user_id = user++;
        event.username = "用户" + std::to_string(user);
        event.role = transition.role;
        event.action = transition.action;
        event.from = transition.from.front();
        event.to = transition.from.back() == State::kDraft ? State::kWithdrawn : State::kProposed;
        event.decision = transition.action == Action::kStreetReturn ? "return" : "";
        event.opinion = "意见 " + std::to_string(user);
        added.push_back(event);
    }
    HX_ASSERT_OK(write([&](applications::ApplicationRepository& repo) -> Status {
        for (const auto& event : added) RETURN_IF_ERROR(repo.add_event(event));
        return ok();
    }));
    const auto events = read<std::vector<Event>>(
        [&](applications::ApplicationRepository& repo) { return repo.events(id); });
    ASSERT_EQ(events.size(), added.size());
    std::int64_t previous = 0;
    for (std::size_t i = 0; i < added.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_GT(events[i].id, previous);
        previous = events[i].id;
        EXPECT_EQ(events[i].application_id, id);
        EXPECT_EQ(events[i].at, added[i].at);
        EXPECT_EQ(events[i].user_id, added[i].user_id);
        EXPECT_EQ(events[i].username, added[i].username);
        EXPECT_EQ(events[i].role, added[i].role);
        EXPECT_EQ(events[i].action, added[i].action);
        EXPECT_EQ(events[i].from, added[i].from);
        EXPECT_EQ(events[i].to, added[i].to);
        EXPECT_EQ(events[i].decision, added[i].decision);
        EXPECT_EQ(events[i].opinion, added[i].opinion);
    }
    const auto none = read<std::vector<Event>>(
        [&](applications::ApplicationRepository& repo) { return repo.events(id + 1); });
    EXPECT_TRUE(none.empty());
}

TEST_P(ApplicationRepositoryTest, ChildRowsOfAnAbsentApplicationAreNotFound) {
    const std::int64_t absent = 404;
    const auto event = write([&](applications::ApplicationRepository& repo) {
        Event e;
        e.application_id = absent;
        return repo.add_event(e);
    });
    ASSERT_FALSE(event);
    EXPECT_EQ(event.error().code(), ErrorCode::kNotFound);
    EXPECT_NE(event.error().message().find("404"), std::string::npos);
    const auto review = write([&](applications::ApplicationRepository& repo) {
        return repo.put_review(absent, DistrictReview{});
    });
    ASSERT_FALSE(review);
    EXPECT_EQ(review.error().code(), ErrorCode::kNotFound);
    const auto evidence = write([&](applications::ApplicationRepository& repo) -> Status {
        Evidence e;
        e.application_id = absent;
        e.sha256 = kHash;
        RETURN_IF_ERROR(repo.add_evidence(e));
        return ok();
    });
    ASSERT_FALSE(evidence);
    EXPECT_EQ(evidence.error().code(), ErrorCode::kNotFound);
    const auto assignment = write([&](applications::ApplicationRepository& repo) {
        return repo.add_assignment({absent, "expert1", "110000", at_ms(1), at_ms(1)});
    });
    ASSERT_FALSE(assignment);
    EXPECT_EQ(assignment.error().code(), ErrorCode::kNotFound);
}

// ---- District reviews --------------------------------------------------------------------------

TEST_P(ApplicationRepositoryTest, ReviewsArePutPerDepartmentAndCleared) {
    const auto id = add(sample_application(round_id_, "110101001001"));
    const auto other = add(sample_application(round_id_, "110101001002"));
    HX_ASSERT_OK(write([&](applications::ApplicationRepository& repo) -> Status {
        RETURN_IF_ERROR(
            repo.put_review(id, {Role::kDistrictSocial, true, "同意", "social", at_ms(30)}));
        RETURN_IF_ERROR(
            repo.put_review(id, {Role::kDistrictIt, false, "材料不全", "it", at_ms(10)}));
        RETURN_IF_ERROR(
            repo.put_review(other, {Role::kDistrictCivil, true, "", "civil", at_ms(5)}));
        // The same department again replaces its review.
        return repo.put_review(id, {Role::kDistrictIt, true, "已补齐", "it2", at_ms(20)});
    }));
    auto reviews_of = [&](std::int64_t application_id) {
        return read<std::vector<DistrictReview>>([&](applications::ApplicationRepository& repo) {
            return repo.reviews(application_id);
        });
    };
    const auto reviews = reviews_of(id);
    ASSERT_EQ(reviews.size(), 2U);
    EXPECT_EQ(reviews[0].role, Role::kDistrictIt);  // in the order made
    EXPECT_TRUE(reviews[0].approved);
    EXPECT_EQ(reviews[0].opinion, "已补齐");
    EXPECT_EQ(reviews[0].username, "it2");
    EXPECT_EQ(reviews[0].at, at_ms(20));
    EXPECT_EQ(reviews[1].role, Role::kDistrictSocial);
    EXPECT_TRUE(reviews[1].approved);
    EXPECT_EQ(reviews[1].opinion, "同意");
    EXPECT_EQ(reviews[1].username, "social");
    EXPECT_EQ(reviews[1].at, at_ms(30));

    HX_ASSERT_OK(
        write([&](applications::ApplicationRepository& repo) { return repo.clear_reviews(id); }));
    EXPECT_TRUE(reviews_of(id).empty());
    // Only that application's reviews are cleared.
    const auto kept = reviews_of(other);
    ASSERT_EQ(kept.size(), 1U);
    EXPECT_EQ(kept[0].role, Role::kDistrictCivil);
    EXPECT_EQ(kept[0].opinion, "");
}

// ---- Evidence ----------------------------------------------------------------------------------

TEST_P(ApplicationRepositoryTest, EvidenceRoundTrips) {
    const auto id = add(sample_application(round_id_, "110101001001"));
    Evidence general;
    general.application_id = id;
    general.sha256 = kHash;
    general.size = 3;
    general.content_type = "application/pdf";
    general.file_name = "../../etc/passwd 材料.pdf";  // kept as data only
    general.uploaded_by = "community1";
    general.uploaded_at = at_ms(1'761'000'000'000);
    Evidence mechanism = general;
    mechanism.indicator_code = "mechanism";
    mechanism.size = 0;
    mechanism.content_type = "image/png";
    mechanism.uploaded_at = at_ms(1'760'000'000'000);
    std::int64_t general_id = 0;
    std::int64_t mechanism_id = 0;
    HX_ASSERT_OK(write([&](applications::ApplicationRepository& repo) -> Status {
        ASSIGN_OR_RETURN(general_id, repo.add_evidence(general));
        ASSIGN_OR_RETURN(mechanism_id, repo.add_evidence(mechanism));
        return ok();
    }));
    EXPECT_GT(mechanism_id, general_id);
    const auto all = read<std::vector<Evidence>>(
        [&](applications::ApplicationRepository& repo) { return repo.evidence(id); });
    ASSERT_EQ(all.size(), 2U);
    for (const auto& [stored, expected, expected_id] :
         {std::tuple{all[0], general, general_id}, std::tuple{all[1], mechanism, mechanism_id}}) {
        EXPECT_EQ(stored.id, expected_id);
        EXPECT_EQ(stored.application_id, id);
        EXPECT_EQ(stored.indicator_code, expected.indicator_code);
        EXPECT_EQ(stored.sha256, expected.sha256);
        EXPECT_EQ(stored.size, expected.size);
        EXPECT_EQ(stored.content_type, expected.content_type);
        EXPECT_EQ(stored.file_name, expected.file_name);
        EXPECT_EQ(stored.uploaded_by, expected.uploaded_by);
        EXPECT_EQ(stored.uploaded_at, expected.uploaded_at);
    }
    const auto found =
        read<std::optional<Evidence>>([&](applications::ApplicationRepository& repo) {
            return repo.find_evidence(mechanism_id);
        });
    ASSERT_TRUE(found);
    EXPECT_EQ(found->indicator_code, "mechanism");
    EXPECT_EQ(found->application_id, id);
    const auto absent =
        read<std::optional<Evidence>>([&](applications::ApplicationRepository& repo) {
            return repo.find_evidence(mechanism_id + 1);
        });
    EXPECT_FALSE(absent);
}

TEST_P(ApplicationRepositoryTest, EvidenceWithABadHashOrSizeIsRefused) {
    const auto id = add(sample_application(round_id_, "110101001001"));
    const std::string upper(64, 'A');
    for (const std::string& hash :
         {std::string(), std::string("abc"), upper, std::string(kHash).substr(0, 63) + "/",
          std::string("../") + std::string(kHash).substr(3)}) {
        SCOPED_TRACE(hash);
        const auto added = write([&](applications::ApplicationRepository& repo) -> Status {
            Evidence evidence;
            evidence.application_id = id;
            evidence.sha256 = hash;
            RETURN_IF_ERROR(repo.add_evidence(evidence));
            return ok();
        });
        ASSERT_FALSE(added);
        EXPECT_EQ(added.error().code(), ErrorCode::kInvalidArgument);
        EXPECT_EQ(added.error().reason(), "invalid_hash");
    }
    const auto negative = write([&](applications::ApplicationRepository& repo) -> Status {
        Evidence evidence;
        evidence.application_id = id;
        evidence.sha256 = kHash;
        evidence.size = -1;
        RETURN_IF_ERROR(repo.add_evidence(evidence));
        return ok();
    });
    ASSERT_FALSE(negative);
    EXPECT_EQ(negative.error().code(), ErrorCode::kInvalidArgument);
}

// ---- Evaluation --------------------------------------------------------------------------------

TEST_P(ApplicationRepositoryTest, AssignmentsRoundTripAndAreMadeOnce) {
    const auto id = add(sample_application(round_id_, "110101001001"));
    HX_ASSERT_OK(write([&](applications::ApplicationRepository& repo) -> Status {
        RETURN_IF_ERROR(repo.add_assignment({id, "expert2", "110108", at_ms(900), at_ms(20)}));
        return repo.add_assignment({id, "expert1", "110000", at_ms(800), at_ms(10)});
    }));
    const auto duplicate = write([&](applications::ApplicationRepository& repo) {
        return repo.add_assignment({id, "EXPERT1", "110000", at_ms(800), at_ms(30)});
    });
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code(), ErrorCode::kAlreadyExists);
    EXPECT_EQ(duplicate.error().reason(), "already_assigned");

    const auto all = read<std::vector<Assignment>>(
        [&](applications::ApplicationRepository& repo) { return repo.assignments(id); });
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[0].application_id, id);
    EXPECT_EQ(all[0].evaluator, "expert1");
    EXPECT_EQ(all[0].evaluator_org, "110000");
    EXPECT_EQ(all[0].due_at, at_ms(800));
    EXPECT_EQ(all[0].assigned_at, at_ms(10));
    EXPECT_EQ(all[1].evaluator, "expert2");
    EXPECT_EQ(all[1].evaluator_org, "110108");
    EXPECT_EQ(all[1].due_at, at_ms(900));
    EXPECT_EQ(all[1].assigned_at, at_ms(20));
}

TEST_P(ApplicationRepositoryTest, EvaluationsRoundTripAndArePutPerAssignedEvaluator) {
    const auto id = add(sample_application(round_id_, "110101001001"));
    Evaluation evaluation;
    evaluation.application_id = id;
    evaluation.evaluator = "expert1";
    evaluation.checks = {{"1.1", true, ""},
                         {"a,b", false, "照片与指标无关，\"见附件\""},
                         {"二.3", true, "现场核实"}};
    evaluation.effective = true;
    evaluation.opinion = "建议认定";
    evaluation.at = at_ms(1'762'000'000'000);

    const auto unassigned = write(
        [&](applications::ApplicationRepository& repo) { return repo.put_evaluation(evaluation); });
    ASSERT_FALSE(unassigned);
    EXPECT_EQ(unassigned.error().code(), ErrorCode::kFailedPrecondition);
    EXPECT_EQ(unassigned.error().reason(), "not_assigned");

    Evaluation empty = evaluation;
    empty.evaluator = "expert2";
    empty.checks.clear();
    empty.effective = false;
    empty.opinion = "";
    empty.at = at_ms(1'761'000'000'000);
    HX_ASSERT_OK(write([&](applications::ApplicationRepository& repo) -> Status {
        RETURN_IF_ERROR(repo.add_assignment({id, "expert1", "110000", at_ms(1), at_ms(1)}));
        RETURN_IF_ERROR(repo.add_assignment({id, "expert2", "110108", at_ms(1), at_ms(1)}));
        Evaluation first = evaluation;
        first.checks = {{"x", false, "初评"}};
        RETURN_IF_ERROR(repo.put_evaluation(first));
        RETURN_IF_ERROR(repo.put_evaluation(empty));
        return repo.put_evaluation(evaluation);  // replaces expert1's first evaluation
    }));
    const auto all = read<std::vector<Evaluation>>(
        [&](applications::ApplicationRepository& repo) { return repo.evaluations(id); });
    ASSERT_EQ(all.size(), 2U);
    for (const auto& [stored, expected] :
         {std::pair{all[0], empty}, std::pair{all[1], evaluation}}) {
        SCOPED_TRACE(expected.evaluator);
        EXPECT_EQ(stored.application_id, id);
        EXPECT_EQ(stored.evaluator, expected.evaluator);
        ASSERT_EQ(stored.checks.size(), expected.checks.size());
        for (std::size_t i = 0; i < expected.checks.size(); ++i) {
            EXPECT_EQ(stored.checks[i].code, expected.checks[i].code);
            EXPECT_EQ(stored.checks[i].verified, expected.checks[i].verified);
            EXPECT_EQ(stored.checks[i].reason, expected.checks[i].reason);
        }
        EXPECT_EQ(stored.effective, expected.effective);
        EXPECT_EQ(stored.opinion, expected.opinion);
        EXPECT_EQ(stored.at, expected.at);
    }
}

TEST_P(ApplicationRepositoryTest, TextThatIsNotUtf8IsRefusedInJsonColumns) {
    Application application = sample_application(round_id_, "110101001001");
    application.assessment.achieved = {"1.1", std::string("\xff\xfe")};
    const auto inserted = insert(application);
    ASSERT_FALSE(inserted);
    EXPECT_EQ(inserted.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(inserted.error().reason(), "invalid_text");

    application.assessment.achieved = {"1.1"};
    const auto id = add(application);
    const auto put = write([&](applications::ApplicationRepository& repo) -> Status {
        RETURN_IF_ERROR(repo.add_assignment({id, "expert1", "110000", at_ms(1), at_ms(1)}));
        Evaluation evaluation;
        evaluation.application_id = id;
        evaluation.evaluator = "expert1";
        evaluation.checks = {{"1.1", true, std::string("\xc3")}};
        return repo.put_evaluation(evaluation);
    });
    ASSERT_FALSE(put);
    EXPECT_EQ(put.error().reason(), "invalid_text");
}

TEST_P(ApplicationRepositoryTest, AStoredRowTheModelCannotReadIsInternal) {
    const auto id = add(sample_application(round_id_, "110101001001"));
    auto expect_internal = [&](const std::string& sql, const std::string& named) {
        SCOPED_TRACE(sql);
        HX_ASSERT_OK(execute(sql));
        const auto found = find(id, "11");
        ASSERT_FALSE(found);
        EXPECT_EQ(found.error().code(), ErrorCode::kInternal);
        EXPECT_NE(found.error().message().find(named), std::string::npos);
    };
    expect_internal("UPDATE applications SET state = 'paused'", "paused");
    expect_internal("UPDATE applications SET state = 'draft', achieved = '1.1,1.2'", "achieved");
    expect_internal("UPDATE applications SET achieved = '[1]'", "achieved");
}

HX_ON_BOTH_ENGINES(ApplicationRepositoryTest);

}  // namespace
}  // namespace hx::storage
