#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/identity/identity_repository.hpp"
#include "domain/regions/region_repository.hpp"
#include "storage_test_support.hpp"

namespace hx::storage {
namespace {

using identity::Role;
using identity::Session;
using identity::User;
using regions::Level;
using test_support::node;

Timestamp at_ms(std::int64_t ms) {
    return from_unix_ms(ms);
}

User make_user(std::string username, std::string name, Role role, std::string org_code) {
    User user;
    user.username = std::move(username);
    user.name = std::move(name);
    user.role = role;
    user.org_code = std::move(org_code);
    user.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    user.created_at = at_ms(1'700'000'000'000);
    return user;
}

class IdentityRepositoriesTest : public test_support::StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (HasFatalFailure() || IsSkipped()) return;
        HX_ASSERT_OK(store_->write([](Repositories& r) {
            return r.regions().upsert({node("110101", "东城区", Level::kDistrict, "110000"),
                                       node("110101001", "东华门街道", Level::kStreet, "110101")});
        }));
    }

    Result<std::int64_t> insert(const User& user) {
        std::int64_t id = 0;
        const auto status = store_->write([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(id, r.users().insert(user));
            return ok();
        });
        if (!status) return fail(status.error());
        return id;
    }

    std::optional<User> by_username(const std::string& username) {
        std::optional<User> found;
        const auto status = store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(found, r.users().find_by_username(username));
            return ok();
        });
        EXPECT_TRUE(status) << status.error().message();
        return found;
    }

    std::optional<User> by_id(std::int64_t id) {
        std::optional<User> found;
        const auto status = store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(found, r.users().find_by_id(id));
            return ok();
        });
        EXPECT_TRUE(status) << status.error().message();
        return found;
    }
};

TEST_P(IdentityRepositoriesTest, InsertThenFindByUsernameIgnoringCase) {
    auto user = make_user("Admin", "系统管理员", Role::kSysAdmin, "110000");
    user.totp_secret = "JBSWY3DPEHPK3PXP";
    const auto id = insert(user);
    ASSERT_TRUE(id) << id.error().message();
    EXPECT_GT(*id, 0);

    const auto found = by_username("admin");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, *id);
    EXPECT_EQ(found->username, "Admin");
    EXPECT_EQ(found->name, "系统管理员");
    EXPECT_EQ(found->role, Role::kSysAdmin);
    EXPECT_EQ(found->org_code, "110000");
    EXPECT_EQ(found->org_name, "北京市");
    EXPECT_EQ(found->password_hash, user.password_hash);
    EXPECT_EQ(found->totp_secret, "JBSWY3DPEHPK3PXP");
    EXPECT_FALSE(found->disabled);
    EXPECT_EQ(found->failed_attempts, 0);
    EXPECT_FALSE(found->first_failure_at);
    EXPECT_FALSE(found->locked_until);
    EXPECT_EQ(found->created_at, user.created_at);

    const auto again = by_id(*id);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->username, "Admin");
    EXPECT_FALSE(by_username("nobody"));
    EXPECT_FALSE(by_id(*id + 100));
}

TEST_P(IdentityRepositoriesTest, UsernameIsUniqueWithoutRegardToCase) {
    ASSERT_TRUE(insert(make_user("zhang.san", "张三", Role::kStreet, "110101001")));
    const auto duplicate = insert(make_user("Zhang.San", "张三二", Role::kStreet, "110101001"));
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code(), ErrorCode::kAlreadyExists);
    EXPECT_EQ(duplicate.error().reason(), "username_taken");
    ASSERT_EQ(duplicate.error().fields().size(), 1U);
    EXPECT_EQ(duplicate.error().fields()[0].field, "username");
}

TEST_P(IdentityRepositoriesTest, UnknownOrganisationIsRefused) {
    const auto inserted = insert(make_user("li.si", "李四", Role::kStreet, "110199001"));
    ASSERT_FALSE(inserted);
    EXPECT_EQ(inserted.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(inserted.error().reason(), "unknown_org");
}

TEST_P(IdentityRepositoriesTest, UpdatesChangeOneUserAndReportMissingIds) {
    const auto id = insert(make_user("wang.wu", "王五", Role::kDistrictSocial, "110101"));
    ASSERT_TRUE(id);
    HX_ASSERT_OK(store_->write([&](Repositories& r) -> Status {
        RETURN_IF_ERROR(r.users().update_login_state(*id, 3, at_ms(1000), at_ms(2000)));
        RETURN_IF_ERROR(r.users().set_password_hash(*id, "new-hash"));
        RETURN_IF_ERROR(r.users().set_disabled(*id, true));
        return r.users().set_totp_secret(*id, "SECRET");
    }));
    auto found = by_id(*id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->failed_attempts, 3);
    EXPECT_EQ(found->first_failure_at, at_ms(1000));
    EXPECT_EQ(found->locked_until, at_ms(2000));
    EXPECT_EQ(found->password_hash, "new-hash");
    EXPECT_TRUE(found->disabled);
    EXPECT_EQ(found->totp_secret, "SECRET");

    HX_ASSERT_OK(store_->write([&](Repositories& r) {
        return r.users().update_login_state(*id, 0, std::nullopt, std::nullopt);
    }));
    found = by_id(*id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->failed_attempts, 0);
    EXPECT_FALSE(found->first_failure_at);
    EXPECT_FALSE(found->locked_until);

    const auto missing =
        store_->write([](Repositories& r) { return r.users().set_disabled(999, true); });
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
}

TEST_P(IdentityRepositoriesTest, ListFiltersPaginatesAndJoinsOrgName) {
    ASSERT_TRUE(insert(make_user("admin", "管理员", Role::kSysAdmin, "110000")));
    ASSERT_TRUE(insert(make_user("dc_social", "东城社会办", Role::kDistrictSocial, "110101")));
    ASSERT_TRUE(insert(make_user("dc-it", "东城信息化", Role::kDistrictIt, "110101")));
    ASSERT_TRUE(insert(make_user("dhm", "东华门街道办", Role::kStreet, "110101001")));

    regions::Page<User> page;
    const auto list = [&](identity::UserFilter filter, regions::PageRequest request) {
        HX_EXPECT_OK(store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(page, r.users().list(filter, request));
            return ok();
        }));
    };
    const auto usernames = [&] {
        std::vector<std::string> names;
        for (const auto& user : page.items) names.push_back(user.username);
        return names;
    };

    list({}, {1, 50});
    EXPECT_EQ(page.total, 4);
    EXPECT_EQ(usernames(), (std::vector<std::string>{"admin", "dc_social", "dc-it", "dhm"}));
    EXPECT_EQ(page.items[1].org_name, "东城区");
    EXPECT_EQ(page.items[3].org_name, "东华门街道");

    list({"东城", std::nullopt}, {1, 50});  // name fragment
    EXPECT_EQ(usernames(), (std::vector<std::string>{"dc_social", "dc-it"}));
    list({"DC", std::nullopt}, {1, 50});  // username fragment, any case
    EXPECT_EQ(page.total, 2);
    list({"_", std::nullopt}, {1, 50});  // literal underscore, not a wildcard
    EXPECT_EQ(usernames(), (std::vector<std::string>{"dc_social"}));
    list({"", Role::kDistrictIt}, {1, 50});
    EXPECT_EQ(usernames(), (std::vector<std::string>{"dc-it"}));
    list({}, {2, 3});
    EXPECT_EQ(page.total, 4);
    EXPECT_EQ(usernames(), (std::vector<std::string>{"dhm"}));
}

class SessionRepositoryTest : public IdentityRepositoriesTest {
protected:
    void SetUp() override {
        IdentityRepositoriesTest::SetUp();
        if (HasFatalFailure() || IsSkipped()) return;
        const auto id = insert(make_user("zhao", "赵六", Role::kCommunity, "110101001"));
        ASSERT_TRUE(id) << id.error().message();
        user_id_ = *id;
    }

    Session session(std::string token_hash) const {
        Session s;
        s.token_hash = std::move(token_hash);
        s.user_id = user_id_;
        s.csrf_token = "csrf-" + s.token_hash;
        s.created_at = at_ms(5000);
        s.last_seen_at = at_ms(5000);
        return s;
    }

    std::optional<Session> find(const std::string& token_hash) {
        std::optional<Session> found;
        HX_EXPECT_OK(store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(found, r.sessions().find(token_hash));
            return ok();
        }));
        return found;
    }

    std::int64_t user_id_ = 0;
};

TEST_P(SessionRepositoryTest, InsertFindTouchRevoke) {
    HX_ASSERT_OK(
        store_->write([&](Repositories& r) { return r.sessions().insert(session("h1")); }));
    auto found = find("h1");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->user_id, user_id_);
    EXPECT_EQ(found->csrf_token, "csrf-h1");
    EXPECT_EQ(found->created_at, at_ms(5000));
    EXPECT_FALSE(found->revoked);

    HX_ASSERT_OK(
        store_->write([](Repositories& r) { return r.sessions().touch("h1", at_ms(9000)); }));
    found = find("h1");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->last_seen_at, at_ms(9000));
    EXPECT_EQ(found->created_at, at_ms(5000));

    HX_ASSERT_OK(store_->write([](Repositories& r) { return r.sessions().revoke("h1"); }));
    found = find("h1");
    ASSERT_TRUE(found);
    EXPECT_TRUE(found->revoked);
    // Revoking twice is harmless; an unknown token is not found.
    HX_ASSERT_OK(store_->write([](Repositories& r) { return r.sessions().revoke("h1"); }));
    const auto missing =
        store_->write([](Repositories& r) { return r.sessions().touch("nope", at_ms(1)); });
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
    EXPECT_FALSE(find("nope"));
}

TEST_P(SessionRepositoryTest, RevokeAllEndsEverySessionOfTheUser) {
    HX_ASSERT_OK(store_->write([&](Repositories& r) -> Status {
        RETURN_IF_ERROR(r.sessions().insert(session("a")));
        return r.sessions().insert(session("b"));
    }));
    HX_ASSERT_OK(store_->write([&](Repositories& r) { return r.sessions().revoke_all(user_id_); }));
    EXPECT_TRUE(find("a")->revoked);
    EXPECT_TRUE(find("b")->revoked);
}

TEST_P(SessionRepositoryTest, DuplicateTokenHashIsRefused) {
    HX_ASSERT_OK(
        store_->write([&](Repositories& r) { return r.sessions().insert(session("dup")); }));
    const auto again =
        store_->write([&](Repositories& r) { return r.sessions().insert(session("dup")); });
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code(), ErrorCode::kAlreadyExists);
}

TEST_P(IdentityRepositoriesTest, ThrottleCountsAndForgetsFailures) {
    HX_ASSERT_OK(store_->write([](Repositories& r) -> Status {
        for (std::int64_t t : {1000, 2000, 3000}) {
            RETURN_IF_ERROR(r.throttle().record_failure("10.0.0.1", at_ms(t)));
        }
        return r.throttle().record_failure("10.0.0.2", at_ms(3000));
    }));
    std::int64_t since_2000 = 0;
    std::int64_t other = 0;
    HX_ASSERT_OK(store_->read([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(since_2000, r.throttle().failures_since("10.0.0.1", at_ms(2000)));
        ASSIGN_OR_RETURN(other, r.throttle().failures_since("10.0.0.2", at_ms(0)));
        return ok();
    }));
    EXPECT_EQ(since_2000, 2);
    EXPECT_EQ(other, 1);

    HX_ASSERT_OK(
        store_->write([](Repositories& r) { return r.throttle().forget_before(at_ms(3000)); }));
    std::int64_t left = 0;
    HX_ASSERT_OK(store_->read([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(left, r.throttle().failures_since("10.0.0.1", at_ms(0)));
        return ok();
    }));
    EXPECT_EQ(left, 1);
}

TEST_P(IdentityRepositoriesTest, SettingsGetAndPut) {
    std::optional<std::string> value;
    HX_ASSERT_OK(store_->read([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(value, r.settings().get("mfa_required"));
        return ok();
    }));
    EXPECT_FALSE(value);
    HX_ASSERT_OK(
        store_->write([](Repositories& r) { return r.settings().put("mfa_required", "true"); }));
    HX_ASSERT_OK(
        store_->write([](Repositories& r) { return r.settings().put("mfa_required", "false"); }));
    HX_ASSERT_OK(store_->read([&](Repositories& r) -> Status {
        ASSIGN_OR_RETURN(value, r.settings().get("mfa_required"));
        return ok();
    }));
    EXPECT_EQ(value, "false");
}

HX_ON_BOTH_ENGINES(IdentityRepositoriesTest);
HX_ON_BOTH_ENGINES(SessionRepositoryTest);

}  // namespace
}  // namespace hx::storage
