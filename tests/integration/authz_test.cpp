// The authorization matrix (issue 10, items 3 and 8): one declarative table,
// tests/integration/authz/policy.tsv, says for every route of docs/openapi.json which role in
// which scope may call it on an object in which state; this test builds a fixture of
// 2 districts × 2 streets × 2 communities through the API, plays every row for every caller on
// one server and classifies each answer (deny = 401/403/404, allow = anything else). It also
// collects every answer and fails if a full mainland mobile number appears in any of them.
// How to add a route and how to read a failure: docs/security.md, section 授权矩阵.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "harness.hpp"
#include "multipart.hpp"

namespace hx::testing {
namespace {

const std::string kPolicyFile = std::string(HX_SOURCE_DIR) + "/tests/integration/authz/policy.tsv";
const std::string kOpenApiFile = std::string(HX_SOURCE_DIR) + "/docs/openapi.json";
const std::string kPassword = "Kx7-Pq9.Lm3!Rt";

// The roles of src/domain/identity/role.cpp plus the anonymous public.
const std::vector<std::string> kRoles = {
    "public",          "community",    "street",     "district_social", "district_it",
    "district_civil",  "city_social",  "city_econ_it", "city_civil",    "evaluator",
    "sys_admin",       "security_admin", "audit_admin"};
const std::set<std::string> kScopes = {"own", "sibling", "other", "all"};

struct Row {
    int line = 0;
    std::string method;
    std::string path;   // as in docs/openapi.json
    std::string state;  // which fixture object the path's parameters name
    std::string allow;  // who may: see policy.tsv's header
    std::string query;
    std::string body;
};

std::string trim(const std::string& s) {
    const auto begin = s.find_first_not_of(" \t\r");
    if (begin == std::string::npos) return {};
    return s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1);
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> out;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, separator)) out.push_back(trim(part));
    return out;
}

std::vector<Row> load_policy() {
    std::ifstream in(kPolicyFile);
    if (!in) throw std::runtime_error("cannot read " + kPolicyFile);
    std::vector<Row> rows;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (trim(line).empty() || trim(line)[0] == '#') continue;
        auto cells = split(line, '\t');
        cells.erase(std::remove(cells.begin(), cells.end(), std::string()), cells.end());
        if (cells.size() < 4 || cells.size() > 6) {
            throw std::runtime_error(kPolicyFile + ":" + std::to_string(number) +
                                     ": expected 4 to 6 tab-separated cells");
        }
        Row row{number, cells[0], cells[1], cells[2], cells[3], "", ""};
        if (cells.size() > 4 && cells[4] != "-") row.query = cells[4];
        if (cells.size() > 5 && cells[5] != "-") row.body = cells[5];
        rows.push_back(row);
    }
    return rows;
}

std::set<std::string> openapi_routes() {
    std::ifstream in(kOpenApiFile);
    const auto doc = nlohmann::json::parse(in);
    std::set<std::string> out;
    for (const auto& [path, item] : doc.at("paths").items()) {
        for (const auto& [method, operation] : item.items()) {
            std::string upper = method;
            std::transform(upper.begin(), upper.end(), upper.begin(),
                           [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            if (upper == "GET" || upper == "POST" || upper == "PUT" || upper == "PATCH" || upper == "DELETE") {
                out.insert(upper + " " + path);
            }
        }
    }
    return out;
}

/// The allow column: comma-separated `who[:scope|scope…]`; `who` is a role of kRoles or a
/// group (`anyone` = everybody including the public, `user` = every signed-in role, `staff` =
/// the business roles, `district`, `city`, `admin`); without a scope every scope is meant;
/// `none` allows nobody.
std::vector<std::string> expand_group(const std::string& who) {
    if (who == "anyone") return kRoles;
    if (who == "user") return {kRoles.begin() + 1, kRoles.end()};
    if (who == "staff") {
        return {"community", "street", "district_social", "district_it", "district_civil",
                "city_social", "city_econ_it", "city_civil", "evaluator"};
    }
    if (who == "district") return {"district_social", "district_it", "district_civil"};
    if (who == "city") return {"city_social", "city_econ_it", "city_civil"};
    if (who == "admin") return {"sys_admin", "security_admin", "audit_admin"};
    if (std::find(kRoles.begin(), kRoles.end(), who) != kRoles.end()) return {who};
    throw std::runtime_error("unknown role or group '" + who + "'");
}

struct Grant {
    std::string role;
    std::set<std::string> scopes;  // empty: every scope
};

std::vector<Grant> parse_allow(const std::string& allow) {
    std::vector<Grant> grants;
    if (allow == "none") return grants;
    for (const auto& token : split(allow, ',')) {
        const auto colon = token.find(':');
        const auto who = token.substr(0, colon);
        std::set<std::string> scopes;
        if (colon != std::string::npos) {
            for (const auto& scope : split(token.substr(colon + 1), '|')) {
                if (!kScopes.count(scope)) throw std::runtime_error("unknown scope '" + scope + "'");
                scopes.insert(scope);
            }
        }
        for (const auto& role : expand_group(who)) grants.push_back({role, scopes});
    }
    return grants;
}

bool allowed(const std::vector<Grant>& grants, const std::string& role, const std::string& scope) {
    return std::any_of(grants.begin(), grants.end(), [&](const Grant& g) {
        return g.role == role && (g.scopes.empty() || g.scopes.count(scope) > 0);
    });
}

bool role_has_some_grant(const std::vector<Grant>& grants, const std::string& role) {
    return std::any_of(grants.begin(), grants.end(), [&](const Grant& g) { return g.role == role; });
}

TEST(AuthzMatrix, PolicyTableCoversEveryRouteOfTheOpenApiDocument) {
    const auto rows = load_policy();
    const auto routes = openapi_routes();
    std::set<std::string> covered;
    for (const auto& row : rows) {
        const auto key = row.method + " " + row.path;
        EXPECT_TRUE(routes.count(key)) << kPolicyFile << ":" << row.line << ": " << key
                                       << " is not a route of docs/openapi.json";
        EXPECT_NO_THROW(parse_allow(row.allow)) << kPolicyFile << ":" << row.line;
        covered.insert(key);
    }
    for (const auto& route : routes) {
        EXPECT_TRUE(covered.count(route)) << "route missing from the authorization table " << kPolicyFile
                                          << ": " << route;
    }
}

/// A word of exactly 11 ASCII digits starting 1[3-9]: a mainland mobile number. A longer run
/// (a millisecond timestamp) is not one, nor digits inside a word of ASCII letters and digits
/// (a hash in hex); Chinese text or punctuation around the number still counts as a boundary.
std::string find_mobile_number(const std::string& text) {
    const auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    std::size_t i = 0;
    while (i < text.size()) {
        if (!alnum(text[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && alnum(text[j])) ++j;
        if (j - i == 11 && text[i] == '1' && text[i + 1] >= '3' && text[i + 1] <= '9' &&
            std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i), text.begin() + static_cast<std::ptrdiff_t>(j),
                        [](char c) { return c >= '0' && c <= '9'; })) {
            return text.substr(i, 11);
        }
        i = j;
    }
    return {};
}

bool binary_content(const HttpResult& r) {
    const auto type = r.header("content-type");
    for (const char* binary : {"application/pdf", "image/png", "image/jpeg", "spreadsheetml", "octet-stream", "zip"}) {
        if (type.find(binary) != std::string::npos) return true;
    }
    return false;
}

std::string png_multipart(const std::string& boundary, const std::string& extra_field) {
    const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
    std::vector<MultipartPart> parts;
    if (!extra_field.empty()) parts.push_back({extra_field, "1"});
    parts.push_back({"file", png, "photo.png", "image/png"});
    return multipart_body(boundary, parts);
}

/// One server, the fixture built once through the API, then every row for every caller.
class Matrix {
public:
    Matrix() : server_(true, DemoData::kAccountsOnly) {}

    TestServer& server() { return server_; }

    HttpResult call(const std::string& user, const std::string& method, const std::string& target,
                    const std::string& body = {}, std::map<std::string, std::string> headers = {}) {
        if (!user.empty()) headers["Authorization"] = "Bearer " + token(user);
        auto r = server_.request(method, target, body, headers);
        answers_.push_back({method + " " + target + " as " + (user.empty() ? "public" : user), r});
        return r;
    }

    /// A fixture step that must succeed.
    nlohmann::json must(const std::string& user, const std::string& method, const std::string& target,
                        const std::string& body = {}, const std::map<std::string, std::string>& headers = {}) {
        const auto r = call(user, method, target, body, headers);
        if (r.status >= 300) {
            throw std::runtime_error("fixture step " + method + " " + target + " as " + user + " answered " +
                                     std::to_string(r.status) + ": " + r.body);
        }
        return r.body.empty() || r.header("content-type").find("json") == std::string::npos ? nlohmann::json{}
                                                                                            : r.json();
    }

    std::string token(const std::string& user) {
        if (const auto it = tokens_.find(user); it != tokens_.end()) return it->second;
        const auto password = passwords_.count(user) ? passwords_.at(user) : server_.password(user);
        const nlohmann::json body = {{"username", user}, {"password", password}};
        const auto r = server_.request("POST", "/api/v1/session", body.dump());
        if (r.status != 200) throw std::runtime_error("sign-in of " + user + " failed: " + r.body);
        return tokens_[user] = r.json().at("token").get<std::string>();
    }
    void forget_tokens() { tokens_.clear(); }
    void forget_token(const std::string& user) { tokens_.erase(user); }

    void set_clock(const std::string& now) {
        must("admin", "PUT", "/api/v1/system/clock", nlohmann::json{{"now", now}}.dump());
        now_ = now;
        forget_tokens();  // the idle timeout runs on the test clock
    }

    std::int64_t add_user(const std::string& username, const std::string& role, const std::string& org) {
        const nlohmann::json body = {{"username", username}, {"password", kPassword}, {"name", "矩阵测试用户"},
                                     {"role", role}, {"org_code", org}};
        const auto created = must("admin", "POST", "/api/v1/users", body.dump());
        passwords_[username] = kPassword;
        return created.at("id").get<std::int64_t>();
    }

    std::string phone_code(const std::string& phone) {
        const auto r = must("", "POST", "/api/v1/public/phone-codes", nlohmann::json{{"phone", phone}}.dump());
        return r.at("test_code").get<std::string>();
    }

    const std::string& now() const { return now_; }
    void set_workbook(std::string bytes) { workbook_ = std::move(bytes); }
    const std::string& workbook() const { return workbook_; }
    std::vector<std::pair<std::string, HttpResult>>& answers() { return answers_; }

private:
    TestServer server_;
    std::map<std::string, std::string> tokens_;
    std::map<std::string, std::string> passwords_;
    std::vector<std::pair<std::string, HttpResult>> answers_;
    std::string now_;
    std::string workbook_;
};

// The fixture's places: the target community A11 (东城区/东华门街道/多福巷), its sibling in
// the same street, the other street of the district, and 海淀区 as the other district.
constexpr const char* kDistrictA = "110101";
constexpr const char* kDistrictB = "110108";
const std::vector<std::string> kStreets = {"110101001", "110101002", "110108001", "110108002"};
const std::vector<std::string> kCommunities = {"110101001001", "110101001002", "110101002001", "110101002002",
                                               "110108001001", "110108001002", "110108002001", "110108002004"};
const std::vector<std::string> kSeededPhones = {"13800138000", "13900139000", "15912345678"};

const std::string kAchieved =
    R"(["1","2","4","6","7","8","10","12","13","15","16","19","20","21","22","25","27","28","29","30","31","32","34","35","37"])";

struct Caller {
    std::string role;
    std::string scope;
    std::string user;  // empty: the public
};

struct Fixture {
    std::map<std::string, std::map<std::string, std::string>> states;  // state → path parameters
    std::map<std::string, std::string> evaluator_own;                  // state → assigned evaluator
};

std::string community_user(const std::string& code) { return "az_c_" + code; }
std::string street_user(const std::string& code) { return "az_s_" + code; }
std::string district_user(const std::string& role, const std::string& code) { return "az_" + role + "_" + code; }

/// The first inspector drawn for the first item of a spot-check draw (a username).
std::string first_inspector(const nlohmann::json& draw) {
    for (const auto& who : draw.at("items").at(0).at("inspectors")) {
        const auto name = who.is_string() ? who.get<std::string>() : who.value("username", "");
        if (!name.empty()) return name;
    }
    throw std::runtime_error("the spot check has no inspector: " + draw.dump());
}

Fixture build_fixture(Matrix& m) {
    Fixture f;
    m.set_clock("2026-10-01T10:00:00+08:00");
    // A user of every role in each scope of 2 districts × 2 streets × 2 communities.
    for (const auto& c : kCommunities) m.add_user(community_user(c), "community", c);
    for (const auto& s : kStreets) m.add_user(street_user(s), "street", s);
    for (const auto* d : {kDistrictA, kDistrictB}) {
        for (const auto* role : {"district_social", "district_it", "district_civil"}) {
            m.add_user(district_user(role, d), role, d);
        }
    }
    m.add_user("az_eval_a", "evaluator", kDistrictA);
    m.add_user("az_eval_b", "evaluator", kDistrictB);
    const auto victim = m.add_user("az_victim", "community", kCommunities[0]);
    m.add_user("az_login", "community", kCommunities[0]);

    const std::string a11 = kCommunities[0];
    m.must("city_social", "PUT", "/api/v1/communities/" + a11 + "/pilot", R"({"pilot": true})");
    const auto round = std::to_string(
        m.must("city_social", "POST", "/api/v1/rounds", R"({"year": 2026, "kind": "pilot", "standard_id": "bj-trial"})")
            .at("id")
            .get<std::int64_t>());
    m.must("city_social", "POST", "/api/v1/rounds/" + round + "/open");
    const auto app = std::to_string(m.must(community_user(a11), "POST", "/api/v1/rounds/" + round + "/applications",
                                           nlohmann::json{{"community_code", a11}, {"target_star", 3}}.dump())
                                        .at("id")
                                        .get<std::int64_t>());
    const auto app_path = "/api/v1/applications/" + app;
    m.must(community_user(a11), "PUT", app_path + "/assessment",
           R"({"achieved": )" + kAchieved + R"(, "mechanism": true})");
    const std::string boundary = "hxauthzboundary";
    const std::map<std::string, std::string> multipart = {{"Content-Type", "multipart/form-data; boundary=" + boundary}};
    const auto evidence = m.must(community_user(a11), "POST", app_path + "/evidence", png_multipart(boundary, "indicator"),
                                 multipart);
    const auto evidence_id = std::to_string(evidence.at("id").get<std::int64_t>());
    m.must(community_user(a11), "POST", app_path + "/submit");
    m.must(street_user(kStreets[0]), "POST", app_path + "/street-review", R"({"decision": "forward", "opinion": "同意转报"})");
    for (const auto* role : {"district_social", "district_it", "district_civil"}) {
        m.must(district_user(role, kDistrictA), "POST", app_path + "/district-review",
               R"({"decision": "approve", "opinion": "同意"})");
    }
    m.must(district_user("district_social", kDistrictA), "POST", app_path + "/recommend", R"({"rank": 1, "opinion": "推荐"})");
    m.set_clock("2026-11-16T09:00:00+08:00");
    m.must("city_social", "POST", app_path + "/evaluators", R"({"username": "az_eval_b"})");
    m.must("az_eval_b", "POST", app_path + "/evaluation",
           R"({"verified": )" + kAchieved + R"(, "effective": true, "opinion": "全部核实"})");
    m.must("city_social", "POST", app_path + "/decision", R"({"star": 3, "opinion": "拟认定为三星级"})");
    m.must("city_social", "POST", "/api/v1/rounds/" + round + "/notice");

    // Comments through the public flow, with the seeded phone numbers.
    std::vector<std::string> comments;
    for (const auto& phone : {kSeededPhones[0], kSeededPhones[1]}) {
        const auto code = m.phone_code(phone);
        const nlohmann::json body = {{"community_code", a11}, {"content", "智慧养老平台的运行情况请核实"},
                                     {"name", "张先生"}, {"phone", phone}, {"phone_code", code}};
        comments.push_back(std::to_string(
            m.must("", "POST", "/api/v1/public/notices/" + round + "/comments", body.dump()).at("id").get<std::int64_t>()));
    }
    // The HTML form of the same flow, with a number written with spaces.
    m.phone_code("159 1234 5678");
    m.must("city_social", "POST", "/api/v1/comments/" + comments[0] + "/disposition",
           R"({"result": "dismissed", "response": "经核实，平台运行正常"})");
    m.must("city_social", "POST", "/api/v1/comments/" + comments[1] + "/disposition",
           R"({"result": "dismissed", "response": "经核实，平台运行正常"})");

    // The spot-check draw (the seed and its SHA-256 of golden case 0030).
    m.must("city_social", "POST", "/api/v1/rounds/" + round + "/spot-checks/commitment",
           R"({"seed_sha256": "502b3dcd6a891568eaea1d667b16b1d6356075088ae37d4ad5eb466a369660ad"})");
    const auto draw = m.must("city_social", "POST", "/api/v1/rounds/" + round + "/spot-checks",
                             R"({"per_district": 1, "seed": "huixing-2026-notice-seed-001"})");
    const auto check = std::to_string(draw.at("items").at(0).at("id").get<std::int64_t>());
    const auto inspector = first_inspector(draw);
    m.set_clock("2026-11-17T09:00:00+08:00");  // a fresh session for the drawn inspector
    const auto photo = m.must(inspector, "POST", "/api/v1/spot-checks/" + check + "/photos", png_multipart(boundary, ""),
                              multipart);
    const auto photo_id = std::to_string(photo.at("id").get<std::int64_t>());
    m.must(inspector, "POST", "/api/v1/spot-checks/" + check + "/result", R"({"passed": true})");

    m.set_clock("2026-11-23T10:00:00+08:00");
    const auto finalized = m.must("city_social", "POST", "/api/v1/rounds/" + round + "/finalize");
    const auto serial = finalized.at("certified").at(0).at("serial").get<std::string>();

    // After naming: an annual report with an attachment, a rectification with a report.
    m.must("city_social", "PUT", "/api/v1/annual-reports/2026/deadline", R"({"deadline": "2026-12-31T23:59:59+08:00"})");
    // Five days before that deadline the community's users get their reminder (the reminder job
    // runs right after the test clock is set): A11's own notification, for the `self` rows.
    m.set_clock("2026-12-26T09:00:00+08:00");
    const auto reminders = m.must(community_user(a11), "GET", "/api/v1/notifications");
    if (reminders.at("items").empty()) throw std::runtime_error("A11's user got no reminder: " + reminders.dump());
    const auto notification = std::to_string(reminders.at("items").at(0).at("id").get<std::int64_t>());
    const auto report = m.must(community_user(a11), "PUT", "/api/v1/annual-reports/2026/mine",
                               R"({"summary": "建成社区服务平台", "plan": "推进智慧养老", "residents_served": 12000, "services_online": 35, "investment": 80})");
    const auto report_id = std::to_string(report.at("report").at("id").get<std::int64_t>());
    const auto report_file = m.must(community_user(a11), "POST", "/api/v1/annual-reports/2026/mine/attachments",
                                    png_multipart(boundary, ""), multipart);
    const auto report_file_id = std::to_string(report_file.at("id").get<std::int64_t>());
    m.must(community_user(a11), "POST", "/api/v1/annual-reports/2026/mine/submit");
    m.must("city_social", "POST", "/api/v1/certifications/" + serial + "/sanctions",
           R"({"kind": "rectification", "reason": "平台停运三个月", "deadline": "2027-01-31T23:59:59+08:00"})");
    const auto rect = std::to_string(m.must(community_user(a11), "POST", "/api/v1/certifications/" + serial +
                                                                      "/rectification-reports",
                                            R"({"content": "平台已恢复运行"})")
                                         .at("id")
                                         .get<std::int64_t>());
    const auto rect_file = m.must(community_user(a11), "POST", "/api/v1/rectification-reports/" + rect + "/attachments",
                                  png_multipart(boundary, ""), multipart);
    const auto rect_file_id = std::to_string(rect_file.at("id").get<std::int64_t>());

    // The annual spot check of 2027 (seed and SHA-256 of golden case 0031).
    m.set_clock("2027-01-05T10:00:00+08:00");
    m.must("city_social", "POST", "/api/v1/annual-checks/2027/commitment",
           R"({"seed_sha256": "a08a8c21cffb76eed2cda4747ac0ed026e946f486cfc7dd3fc048e20991cb021"})");
    const auto annual = m.must("city_social", "POST", "/api/v1/annual-checks/2027/draw",
                               R"({"seed": "annual-2027-seed-0123456789", "per_district": 1})");
    const auto annual_item = std::to_string(annual.at("items").at(0).at("id").get<std::int64_t>());
    m.must("city_social", "POST", "/api/v1/annual-check-items/" + annual_item + "/result", R"({"passed": true})");
    m.must("city_social", "POST", "/api/v1/annual-checks/2027/publish");
    m.set_workbook(m.call("", "GET", "/api/v1/standards/bj-trial/workbook").body);

    // What each state's path parameters name; `-` is the defaults every row gets.
    f.states["-"] = {{"code", a11}, {"district", kDistrictA}, {"district_code", kDistrictA}, {"year", "2026"},
                     {"serial", serial}, {"id", "bj-trial"}, {"file", serial + ".svg"}, {"round", round}};
    f.states["standard"] = {{"id", "bj-trial"}};
    f.states["round.finalized"] = {{"id", round}, {"district", kDistrictA}};
    f.states["app.certified"] = {{"id", app}, {"evidence_id", evidence_id}};
    f.states["comment.disposed"] = {{"id", comments[0]}};
    f.states["spot_check.done"] = {{"id", check}, {"photo_id", photo_id}};
    f.evaluator_own["spot_check.done"] = inspector;
    f.evaluator_own["app.certified"] = "az_eval_b";
    f.states["user.victim"] = {{"id", std::to_string(victim)}};
    f.states["notification.own"] = {{"id", notification}};
    f.states["report.submitted"] = {{"id", report_id}, {"attachment_id", report_file_id}, {"year", "2026"}};
    f.states["rectification.filed"] = {{"id", rect}, {"attachment_id", rect_file_id}};
    f.states["certification.under_rectification"] = {{"serial", serial}};
    f.states["annual_check.published"] = {{"id", annual_item}, {"year", "2027"}};
    f.evaluator_own["annual_check.published"] = first_inspector(annual);
    f.states["notice.published"] = {{"id", round}};
    f.states["plaque"] = {{"file", serial + ".svg"}};
    f.states["badge"] = {{"file", a11 + ".svg"}};
    f.states["year.2026"] = {{"year", "2026"}};
    f.states["plan.own_district"] = {{"district_code", kDistrictA}, {"year", "2027"}};
    return f;
}

std::vector<Caller> callers_for(const Fixture& f, const std::string& state) {
    const std::string a11 = kCommunities[0];
    std::vector<Caller> out = {
        {"public", "all", ""},
        {"community", "own", community_user(a11)},
        {"community", "sibling", community_user(kCommunities[1])},  // same street
        {"community", "other", community_user(kCommunities[4])},    // another district
        {"street", "own", street_user(kStreets[0])},
        {"street", "sibling", street_user(kStreets[1])},  // same district, another street
        {"street", "other", street_user(kStreets[2])},
    };
    for (const auto* role : {"district_social", "district_it", "district_civil"}) {
        out.push_back({role, "own", district_user(role, kDistrictA)});
        out.push_back({role, "other", district_user(role, kDistrictB)});
    }
    for (const auto* role : {"city_social", "city_econ_it", "city_civil"}) out.push_back({role, "all", role});
    // The evaluator who is assigned to (or drawn for) the object is `own`; one who is not, `other`.
    std::string own = "az_eval_a";  // geographically: its home unit is the object's district
    if (const auto it = f.evaluator_own.find(state); it != f.evaluator_own.end()) own = it->second;
    out.push_back({"evaluator", "own", own});
    out.push_back({"evaluator", "other", own == "az_eval_a" ? "az_eval_b" : "az_eval_a"});
    out.push_back({"sys_admin", "all", "admin"});
    out.push_back({"security_admin", "all", "security"});
    out.push_back({"audit_admin", "all", "auditor"});
    return out;
}

std::string substitute(std::string text, const std::map<std::string, std::string>& values,
                       const std::map<std::string, std::string>& defaults) {
    std::size_t start = 0;
    while ((start = text.find('{', start)) != std::string::npos) {
        const auto end = text.find('}', start);
        if (end == std::string::npos) break;
        const auto name = text.substr(start + 1, end - start - 1);
        const auto it = values.find(name);
        const auto* value = it != values.end() ? &it->second : nullptr;
        if (!value) {
            const auto d = defaults.find(name);
            if (d == defaults.end()) {
                ++start;  // a JSON body's brace, not a parameter
                continue;
            }
            value = &d->second;
        }
        text.replace(start, end - start + 1, *value);
        start += value->size();
    }
    return text;
}

TEST(AuthzMatrix, EveryRoleInEveryScopeGetsWhatThePolicySays) {
    const auto rows = load_policy();
    Matrix m;
    const auto fixture = build_fixture(m);
    m.forget_tokens();
    const std::string boundary = "hxauthzboundary";
    std::vector<std::string> failures;
    std::size_t checks = 0;
    for (const auto& row : rows) {
        const auto state = fixture.states.find(row.state);
        if (state == fixture.states.end()) {
            failures.push_back(kPolicyFile + ":" + std::to_string(row.line) + ": unknown state '" + row.state + "'");
            continue;
        }
        const auto grants = parse_allow(row.allow);
        for (const auto& caller : callers_for(fixture, row.state)) {
            std::string target = substitute(row.path, state->second, fixture.states.at("-"));
            if (!row.query.empty()) target += "?" + substitute(row.query, state->second, fixture.states.at("-"));
            std::string body;
            std::map<std::string, std::string> headers;
            if (row.body == "@png") {
                body = png_multipart(boundary, "");
                headers["Content-Type"] = "multipart/form-data; boundary=" + boundary;
            } else if (row.body == "@png-indicator") {
                body = png_multipart(boundary, "indicator");
                headers["Content-Type"] = "multipart/form-data; boundary=" + boundary;
            } else if (row.body == "@clock") {
                body = nlohmann::json{{"now", m.now()}}.dump();
            } else if (row.body == "@xlsx") {
                body = m.workbook();
                headers["Content-Type"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            } else if (row.body.rfind("form:", 0) == 0) {
                body = row.body.substr(5);
                headers["Content-Type"] = "application/x-www-form-urlencoded";
            } else if (row.body == "@login") {
                body = nlohmann::json{{"username", "az_login"}, {"password", kPassword}}.dump();
            } else {
                body = substitute(row.body, state->second, fixture.states.at("-"));
            }
            const auto r = m.call(caller.user, row.method, target, body, headers);
            ++checks;
            const bool denied = r.status == 401 || r.status == 403 || r.status == 404;
            const bool expect_allow = caller.role == "public" ? allowed(grants, "public", "all")
                                                              : allowed(grants, caller.role, caller.scope);
            std::string why;
            if (expect_allow && denied) {
                why = "unexpected deny";
            } else if (!expect_allow && !denied) {
                why = "unexpected allow";
            } else if (!expect_allow && caller.role == "public" && r.status != 401 && r.status != 404) {
                why = "the public must get 401 (or 404), not " + std::to_string(r.status);
            } else if (!expect_allow && role_has_some_grant(grants, caller.role) && r.status != 404) {
                why = "outside the caller's scope the contract answers 404, not " + std::to_string(r.status);
            } else if (r.status >= 500) {
                why = "server error";
            }
            if (!why.empty()) {
                failures.push_back(kPolicyFile + ":" + std::to_string(row.line) + ": " + row.method + " " + row.path +
                                   " [" + row.state + "] as " + caller.role + "/" + caller.scope + " (" +
                                   (caller.user.empty() ? "anonymous" : caller.user) + "): " + why + ", answered " +
                                   std::to_string(r.status) + " " + r.body.substr(0, 160));
            }
            // A sign-out ends the caller's session: sign in again for the next row.
            if (row.method == "DELETE" && row.path == "/api/v1/session" && !caller.user.empty()) {
                m.forget_token(caller.user);
            }
        }
    }
    // `self`: a user's list of reminders holds only their own; A11's reminder is in its owner's
    // list and in no other caller's.
    const auto own_notification = std::stoll(fixture.states.at("notification.own").at("id"));
    for (const auto& caller : callers_for(fixture, "-")) {
        if (caller.user.empty()) continue;
        const auto r = m.call(caller.user, "GET", "/api/v1/notifications?page_size=100");
        if (r.status != 200) {
            failures.push_back("GET /api/v1/notifications as " + caller.user + " answered " + std::to_string(r.status));
            continue;
        }
        bool holds = false;
        const auto listed = r.json();  // kept alive: a range-for over a temporary's member dangles
        for (const auto& item : listed.at("items")) holds = holds || item.at("id").get<std::int64_t>() == own_notification;
        if (holds != (caller.user == community_user(kCommunities[0]))) {
            failures.push_back("GET /api/v1/notifications as " + caller.user + (holds ? " lists" : " does not list") +
                               " A11's own reminder " + std::to_string(own_notification));
        }
    }
    for (const auto& failure : failures) ADD_FAILURE() << failure;
    EXPECT_GT(checks, rows.size());
    std::cout << "authorization matrix: " << rows.size() << " rows, " << checks << " requests, " << failures.size()
              << " failures\n";

    // Item 8: no full mobile number in any answer the matrix and its fixture collected.
    std::size_t scanned = 0;
    for (const auto& [what, r] : m.answers()) {
        if (binary_content(r)) continue;
        ++scanned;
        const auto found = find_mobile_number(r.body);
        const auto at = found.empty() ? std::string::npos : r.body.find(found);
        EXPECT_TRUE(found.empty()) << what << " answered a full mobile number " << found << ": …"
                                   << r.body.substr(at < 120 ? 0 : at - 120, 260) << "…";
        for (const auto& phone : kSeededPhones) {
            EXPECT_EQ(r.body.find(phone), std::string::npos) << what << " answered the seeded number " << phone;
            EXPECT_EQ(r.body.find(phone.substr(0, 3) + " " + phone.substr(3, 4) + " " + phone.substr(7)),
                      std::string::npos)
                << what << " answered the seeded number " << phone;
        }
    }
    EXPECT_GT(scanned, checks / 2);
}

TEST(AuthzMatrix, MobileNumberScannerFindsNumbersAndOnlyThem) {
    EXPECT_EQ(find_mobile_number(R"({"phone":"13800138000"})"), "13800138000");
    EXPECT_EQ(find_mobile_number("call 15912345678."), "15912345678");
    EXPECT_EQ(find_mobile_number(R"({"phone":"138****8000"})"), "");
    EXPECT_EQ(find_mobile_number("1764412345678"), "");  // a millisecond timestamp
    EXPECT_EQ(find_mobile_number("12345678901"), "");     // 12… is no mobile prefix
    EXPECT_EQ(find_mobile_number("9f3a16462913080c"), "");  // inside a hex digest
    EXPECT_EQ(find_mobile_number("电话13800138000。"), "13800138000");
}

}  // namespace
}  // namespace hx::testing
