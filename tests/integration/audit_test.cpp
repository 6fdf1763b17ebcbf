// Issue 10 item 7 (等保 level 3, 安全审计): every auditable action leaves exactly one complete
// audit record. One application's whole life (the golden case 0020) and the administrators'
// actions are replayed, each request with its own X-Request-Id; then the auditor reads the log
// and every acknowledged write is found exactly once, with every field filled in. Then every
// golden case that writes is replayed the same way (the notice, the comments and spot checks,
// the plaques, the annual reports and checks, sanctions, plans, standards), and every write
// route of docs/openapi.json must have been acknowledged and audited by one of them — a new
// write route that no case exercises, or that leaves no record, fails the test. Runs on SQLite
// and on PostgreSQL (pg.*). The chain's tamper detection is tests/unit/audit/tamper_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "golden.hpp"
#include "harness.hpp"

namespace hx::testing {
namespace {

std::vector<nlohmann::json> all_records(TestServer& server) {
    std::vector<nlohmann::json> records;
    for (int page = 1;; ++page) {
        const auto r = server.as("auditor", "GET", "/api/v1/audit?page_size=100&page=" + std::to_string(page));
        EXPECT_EQ(r.status, 200U) << r.body;
        if (r.status != 200U) break;
        const auto body = r.json();
        for (const auto& item : body.at("items")) records.push_back(item);
        if (body.at("items").empty() || static_cast<std::int64_t>(records.size()) >= body.value("total", 0)) break;
    }
    return records;
}

/// Writes that change nothing, so have nothing to audit: the rating calculator, the standard's
/// simulation, and the test clock (absent outside `serve --test-clock`).
bool changes_state(const StepOutcome& step) {
    if (step.method == "GET" || step.method == "HEAD") return false;
    // A one-time code for the public comment form holds no business state (the comment it
    // allows is audited); a standard imported again unchanged answers 200 and writes nothing.
    if (step.target.find("/phone-code") != std::string::npos) return false;
    if (step.method == "POST" && step.target == "/api/v1/standards" && step.status == 200) return false;
    if (step.target.find("/simulate") != std::string::npos) return false;
    if (step.target.rfind("/api/v1/rating/evaluate", 0) == 0) return false;
    if (step.target.rfind("/api/v1/system/clock", 0) == 0) return false;
    return true;
}

void expect_complete(const nlohmann::json& r) {
    const auto where = r.dump();
    EXPECT_FALSE(r.value("at", "").empty()) << where;
    EXPECT_FALSE(r.value("action", "").empty()) << where;
    EXPECT_FALSE(r.value("outcome", "").empty()) << where;
    EXPECT_FALSE(r.value("client_addr", "").empty()) << where;
    EXPECT_FALSE(r.value("request_id", "").empty()) << where;
    // Only an anonymous reader (a public comment) is recorded without a name; a failed sign-in
    // carries the name it tried.
    const bool anonymous = r.value("user_id", 0) == 0 && r.value("role", "").empty() &&
                           r.value("action", "").rfind("notice.", 0) == 0;
    if (!anonymous) {
        EXPECT_FALSE(r.value("username", "").empty()) << where;
    }
    EXPECT_EQ(r.value("hash", "").size(), 64U) << where;
    if (r.value("user_id", 0) > 0) {  // a signed-in user (0: anonymous or the local operator)
        EXPECT_FALSE(r.value("role", "").empty()) << where;
        EXPECT_FALSE(r.value("org_code", "").empty()) << where;
        EXPECT_FALSE(r.value("object", "").empty()) << where;
    }
}

using RecordsByRequest = std::map<std::string, std::vector<nlohmann::json>>;

/// The audit log grouped by request id, each group in the chain's order; every record complete.
RecordsByRequest records_by_request(TestServer& server) {
    RecordsByRequest by_request;
    for (const auto& r : all_records(server)) {
        expect_complete(r);
        by_request[r.value("request_id", "")].push_back(r);
    }
    for (auto& [request_id, found] : by_request) {  // the auditor's list is newest first
        std::sort(found.begin(), found.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
            return a.value("seq", 0) < b.value("seq", 0);
        });
    }
    return by_request;
}

/// Every acknowledged state change of a replayed case is recorded once, as a success, by the
/// user who made it (an anonymous reader's as 匿名 or the like, never empty); every refused one
/// never as a success. Returns how many acknowledged writes were checked.
int expect_steps_audited(const std::vector<StepOutcome>& steps, RecordsByRequest& by_request) {
    int checked = 0;
    for (const auto& step : steps) {
        if (!changes_state(step)) continue;
        const auto& found = by_request[step.request_id];
        int successes = 0;
        for (const auto& r : found) successes += r.value("outcome", "") == "success" ? 1 : 0;
        const auto what = step.method + " " + step.target + " (" + step.request_id + ", " +
                          std::to_string(step.status) + ")";
        if (step.status >= 200 && step.status < 300) {
            // One record per action the request took: finalize certifies each application, a
            // disposition may revise the application's star; never the same action twice.
            EXPECT_GE(successes, 1) << what << ": " << nlohmann::json(found).dump();
            EXPECT_EQ(static_cast<std::size_t>(successes), found.size()) << what << ": " << nlohmann::json(found).dump();
            std::set<std::string> actions;
            for (const auto& r : found) {
                EXPECT_TRUE(actions.insert(r.value("action", "") + " " + r.value("object", "")).second)
                    << what << " recorded twice: " << r.dump();
            }
            if (step.as != "nobody") {
                for (const auto& r : found) EXPECT_EQ(r.value("username", ""), step.as) << what;
            } else if (step.target != "/api/v1/session") {  // a sign-in is recorded as the user it signs in
                for (const auto& r : found) EXPECT_EQ(r.value("user_id", -1), 0) << what << ": " << r.dump();
            }
            ++checked;
        } else {
            EXPECT_EQ(successes, 0) << what << ": " << nlohmann::json(found).dump();
        }
    }
    return checked;
}

struct Sent {
    std::string request_id;
    std::string what;
    unsigned status = 0;
};

TEST(AuditCompleteness, EveryWriteOfAnApplicationsLifeAndOfTheAdministratorsIsRecordedOnce) {
    TestServer server(true);
    const auto steps =
        run_golden_case(server, std::string(HX_SOURCE_DIR) + "/tests/integration/cases/0020_application_life.case");
    ASSERT_FALSE(HasFailure()) << "the application's life did not replay";

    // The case moved the clock past its sessions' idle timeout: sign in afresh.
    for (const auto* user : {"admin", "security", "auditor", "dc_community"}) server.forget_token(user);
    // The administrators' actions, each with its own request id.
    std::vector<Sent> sent;
    int n = 0;
    const auto send = [&](const std::string& as, const std::string& method, const std::string& target,
                          const std::string& body = {}) {
        const auto id = "admin-step-" + std::to_string(++n);
        std::map<std::string, std::string> headers = {{"X-Request-Id", id}};
        if (as != "nobody") headers["Authorization"] = "Bearer " + server.token(as);
        const auto r = server.request(method, target, body, headers);
        sent.push_back({id, method + " " + target, r.status});
        return r;
    };
    const auto created = send("admin", "POST", "/api/v1/users",
                              R"({"username": "audit.subject", "password": "Kx7-Pq9.Lm3!Rt", "name": "审计对象",
                                  "role": "street", "org_code": "110101001"})");
    ASSERT_EQ(created.status, 201U) << created.body;
    const auto id = created.json().at("id").dump();
    const auto acknowledged = [](const HttpResult& r) { return r.status >= 200 && r.status < 300; };
    EXPECT_TRUE(acknowledged(send("admin", "POST", "/api/v1/users/" + id + "/disable")));
    EXPECT_TRUE(acknowledged(send("admin", "POST", "/api/v1/users/" + id + "/enable")));
    EXPECT_TRUE(acknowledged(
        send("admin", "POST", "/api/v1/users/" + id + "/password", R"({"password": "Nw8-Zr4.Hj6!Qs"})")));
    EXPECT_TRUE(acknowledged(send("security", "PUT", "/api/v1/security/policy", R"({"mfa_required": false})")));
    const auto login = send("nobody", "POST", "/api/v1/session",
                            R"({"username": "audit.subject", "password": "Nw8-Zr4.Hj6!Qs"})");
    ASSERT_EQ(login.status, 200U) << login.body;
    const auto token = login.json().at("token").get<std::string>();
    {
        const auto logout_id = "admin-step-" + std::to_string(++n);
        const auto r = server.request("DELETE", "/api/v1/session", "",
                                      {{"Authorization", "Bearer " + token}, {"X-Request-Id", logout_id}});
        sent.push_back({logout_id, "DELETE /api/v1/session", r.status});
        EXPECT_EQ(r.status, 204U);
    }
    EXPECT_TRUE(acknowledged(send("security", "POST", "/api/v1/users/" + id + "/unlock")));
    // Refused writes are recorded as refusals or not at all, never as successes.
    EXPECT_EQ(send("dc_community", "POST", "/api/v1/users",
                   R"({"username": "x.y.z", "password": "Kx7-Pq9.Lm3!Rt", "name": "x", "role": "street",
                       "org_code": "110101001"})")
                  .status,
              403U);

    // Failed sign-ins, the lockout and its refusals: one record each.
    std::vector<std::string> failures;
    for (int i = 0; i < 5; ++i) {
        const auto r = send("nobody", "POST", "/api/v1/session",
                            R"({"username": "audit.subject", "password": "Wrong-password-1"})");
        EXPECT_EQ(r.status, 401U);
        failures.push_back(sent.back().request_id);
    }
    const auto locked = send("nobody", "POST", "/api/v1/session",
                             R"({"username": "audit.subject", "password": "Nw8-Zr4.Hj6!Qs"})");
    EXPECT_EQ(locked.status, 423U);

    auto by_request = records_by_request(server);
    ASSERT_FALSE(by_request.empty());

    // The application's life: every acknowledged state change once, as a success; every refused
    // one never as a success.
    const auto checked = expect_steps_audited(steps, by_request);
    EXPECT_GT(checked, 10) << "the case should have many acknowledged writes";

    // The administrators' actions: exactly these records.
    const std::map<std::string, std::vector<std::string>> expected = {
        {"admin-step-1", {"user.create"}},      {"admin-step-2", {"user.disable"}},
        {"admin-step-3", {"user.enable"}},      {"admin-step-4", {"user.reset_password"}},
        {"admin-step-5", {"security.policy"}},  {"admin-step-6", {"session.login"}},
        {"admin-step-7", {"session.logout"}},   {"admin-step-8", {"account.unlock"}},
    };
    for (const auto& [request_id, actions] : expected) {
        const auto& found = by_request[request_id];
        std::vector<std::string> got;
        for (const auto& r : found) got.push_back(r.value("action", ""));
        EXPECT_EQ(got, actions) << request_id;
        for (const auto& r : found) EXPECT_EQ(r.value("outcome", ""), "success") << r.dump();
    }
    for (const auto& r : by_request["admin-step-9"]) EXPECT_NE(r.value("outcome", ""), "success") << r.dump();
    for (std::size_t i = 0; i < failures.size(); ++i) {
        const auto& found = by_request[failures[i]];
        std::vector<std::string> got;
        for (const auto& r : found) got.push_back(r.value("action", "") + "/" + r.value("outcome", ""));
        if (i + 1 < failures.size()) {
            EXPECT_EQ(got, std::vector<std::string>{"session.login/failure"}) << failures[i];
        } else {  // the fifth failure, and the lock it causes
            EXPECT_EQ(got, (std::vector<std::string>{"session.login/failure", "account.lock/success"}))
                << failures[i];
        }
    }
    const auto& refused = by_request[sent.back().request_id];
    ASSERT_EQ(refused.size(), 1U);
    EXPECT_EQ(refused.front().value("outcome", ""), "denied");
    EXPECT_EQ(refused.front().value("detail", ""), "locked");
}

/// The write routes of docs/openapi.json as `METHOD /path/{param}`.
std::vector<std::string> openapi_write_routes() {
    std::ifstream in(std::string(HX_SOURCE_DIR) + "/docs/openapi.json");
    const auto doc = nlohmann::json::parse(in);
    std::vector<std::string> out;
    for (const auto& [path, item] : doc.at("paths").items()) {
        for (const auto& [method, operation] : item.items()) {
            std::string upper = method;
            std::transform(upper.begin(), upper.end(), upper.begin(),
                           [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            if (upper == "POST" || upper == "PUT" || upper == "PATCH" || upper == "DELETE") {
                out.push_back(upper + " " + path);
            }
        }
    }
    return out;
}

/// Whether `METHOD /target?query` is a call of the route `METHOD /path/{param}`.
bool is_call_of(const std::string& route, const std::string& method, const std::string& target) {
    const auto space = route.find(' ');
    if (route.substr(0, space) != method) return false;
    const auto path = target.substr(0, target.find('?'));
    const auto pattern = std::regex_replace(route.substr(space + 1), std::regex(R"(\{[^}]+\})"), "[^/]+");
    return std::regex_match(path, std::regex(pattern));
}

TEST(AuditCompleteness, EveryWriteRouteOfTheContractIsAuditedByTheGoldenCases) {
    // Routes whose acknowledged calls change nothing that is audited, with the reason.
    const std::map<std::string, std::string> exempt = {
        {"POST /api/v1/rating/evaluate", "a calculator: computes the star of a claim set, stores nothing"},
        {"POST /api/v1/standards/{id}/simulate", "a simulation: computes what a revision would change, stores nothing"},
        {"PUT /api/v1/system/clock", "the test clock, absent outside `serve --test-clock`"},
        {"POST /api/v1/public/phone-codes", "a one-time code for the comment form; the comment is audited"},
        {"POST /public/notices/{id}/phone-code", "the same code from the HTML form"},
        {"POST /api/v1/notifications/{id}/read", "a reader's own unread mark on a reminder, no business data"},
        {"POST /api/v1/notifications/read-all", "the same mark on all of one's reminders"},
    };
    // Routes whose records the test above checks action by action (administrators, sessions).
    const std::set<std::string> checked_above = {
        "POST /api/v1/users",           "POST /api/v1/users/{id}/disable", "POST /api/v1/users/{id}/enable",
        "POST /api/v1/users/{id}/password", "PUT /api/v1/security/policy", "POST /api/v1/session",
        "DELETE /api/v1/session",       "POST /api/v1/users/{id}/unlock",
    };
    const auto routes = openapi_write_routes();
    std::set<std::string> audited;
    std::vector<std::string> files;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(HX_SOURCE_DIR) + "/tests/integration/cases")) {
        if (entry.path().extension() == ".case") files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        SCOPED_TRACE(file);
        TestServer server(true);  // each case on a server of its own, as the golden test runs it
        const auto steps = run_golden_case(server, file);  // a step that answers otherwise fails here
        auto by_request = records_by_request(server);
        expect_steps_audited(steps, by_request);
        for (const auto& step : steps) {
            if (step.status < 200 || step.status >= 300 || !changes_state(step)) continue;
            for (const auto& route : routes) {
                if (is_call_of(route, step.method, step.target)) audited.insert(route);
            }
        }
    }
    for (const auto& route : routes) {
        if (exempt.count(route) || checked_above.count(route)) continue;
        EXPECT_TRUE(audited.count(route))
            << route << " is a write route of docs/openapi.json that no golden case acknowledges and audits: "
            << "add a step to a case in tests/integration/cases (or, if it changes nothing, an exemption here)";
    }
}

}  // namespace
}  // namespace hx::testing
