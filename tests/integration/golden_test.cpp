// Golden request/response cases (after ClickHouse's stateless tests): every file under
// tests/integration/cases is a list of steps; adding a case needs no C++.
//
//   # what the case shows
//   as dc_community                      (a demo user, by bearer token; `as nobody` for none)
//   GET /api/v1/communities/110108001001
//   header X-CSRF-Token: abc             (optional, repeatable)
//   {"json": "body"}                     (optional, any lines until the first expect)
//   expect 404
//   expect-header content-type: application/problem+json   (substring of the header)
//   expect-json {"code": "not_found"}    (the answer contains this JSON: objects by subset,
//                                         arrays element by element)
//   expect-body 多福巷                    (substring of the raw body)
//   capture id = /id                     (a JSON pointer; later steps use ${id})
//   form indicator = 1                   (instead of a body: a multipart/form-data field …)
//   file file 记录.pdf application/pdf   (… and a file: field, name, type; the lines after it,
//   %PDF-1.4 …                            until the first expect, are the file's bytes)
//   ---                                  (next step)
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <fstream>
#include <regex>
#include <sstream>

#include "golden.hpp"
#include "harness.hpp"
#include "multipart.hpp"

namespace hx::testing {
namespace {

struct Step {
    std::string as = "nobody";
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;
    std::string body;
    std::vector<MultipartPart> parts;  ///< a multipart body, from `form` and `file` lines
    int expect_status = -1;
    std::vector<std::pair<std::string, std::string>> expect_headers;
    std::vector<std::string> expect_json;
    std::vector<std::string> expect_body;
    std::vector<std::pair<std::string, std::string>> captures;
    int line = 0;
};

std::string trim(const std::string& s) {
    const auto begin = s.find_first_not_of(" \t\r");
    if (begin == std::string::npos) return {};
    const auto end = s.find_last_not_of(" \t\r");
    return s.substr(begin, end - begin + 1);
}

std::vector<Step> parse_case(const std::string& path) {
    std::ifstream in(path);
    std::vector<Step> steps(1);
    std::string line;
    int number = 0;
    bool in_body = false;
    while (std::getline(in, line)) {
        ++number;
        const auto text = trim(line);
        auto& step = steps.back();
        if (text == "---") {
            steps.emplace_back();
            in_body = false;
            continue;
        }
        if (text.empty() || text[0] == '#') continue;
        auto starts = [&](const char* prefix) { return text.rfind(prefix, 0) == 0; };
        if (starts("expect-header ")) {
            const auto rest = text.substr(14);
            const auto colon = rest.find(':');
            step.expect_headers.emplace_back(trim(rest.substr(0, colon)), trim(rest.substr(colon + 1)));
            in_body = false;
        } else if (starts("expect-json ")) {
            step.expect_json.push_back(text.substr(12));
            in_body = false;
        } else if (starts("expect-body ")) {
            step.expect_body.push_back(text.substr(12));
            in_body = false;
        } else if (starts("expect ")) {
            step.expect_status = std::stoi(text.substr(7));
            in_body = false;
        } else if (starts("capture ")) {
            const auto rest = text.substr(8);
            const auto eq = rest.find('=');
            step.captures.emplace_back(trim(rest.substr(0, eq)), trim(rest.substr(eq + 1)));
        } else if (!step.method.empty() && starts("form ")) {
            const auto rest = text.substr(5);
            const auto eq = rest.find('=');
            step.parts.push_back({trim(rest.substr(0, eq)), trim(rest.substr(eq + 1))});
        } else if (!step.method.empty() && starts("file ")) {
            std::istringstream words(text.substr(5));
            MultipartPart part;
            words >> part.name >> part.filename >> part.content_type;
            step.parts.push_back(part);
            in_body = true;
        } else if (starts("as ")) {
            step.as = trim(text.substr(3));
        } else if (starts("header ")) {
            const auto rest = text.substr(7);
            const auto colon = rest.find(':');
            step.headers[trim(rest.substr(0, colon))] = trim(rest.substr(colon + 1));
        } else if (step.method.empty() &&
                   std::regex_match(text, std::regex("^(GET|POST|PUT|DELETE|PATCH|HEAD) \\S+$"))) {
            const auto space = text.find(' ');
            step.method = text.substr(0, space);
            step.target = text.substr(space + 1);
            step.line = number;
            in_body = true;
        } else if (in_body && !step.parts.empty()) {
            step.parts.back().value += line + "\n";
        } else if (in_body) {
            step.body += line + "\n";
        } else {
            throw std::runtime_error(path + ":" + std::to_string(number) + ": cannot read '" + text + "'");
        }
    }
    if (steps.back().method.empty()) steps.pop_back();
    return steps;
}

std::string substitute(std::string text, const std::map<std::string, std::string>& vars) {
    for (const auto& [name, value] : vars) {
        const auto key = "${" + name + "}";
        for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos)) {
            text.replace(pos, key.size(), value);
        }
    }
    return text;
}

/// `actual` contains `expected`: objects by subset, arrays position by position.
bool contains(const nlohmann::json& actual, const nlohmann::json& expected, std::string& where) {
    if (expected.is_object()) {
        if (!actual.is_object()) return false;
        for (const auto& [key, value] : expected.items()) {
            if (!actual.contains(key)) {
                where = "/" + key + " missing";
                return false;
            }
            if (!contains(actual.at(key), value, where)) {
                where = "/" + key + where;
                return false;
            }
        }
        return true;
    }
    if (expected.is_array()) {
        if (!actual.is_array() || actual.size() < expected.size()) return false;
        for (std::size_t i = 0; i < expected.size(); ++i) {
            if (!contains(actual.at(i), expected.at(i), where)) {
                where = "/" + std::to_string(i) + where;
                return false;
            }
        }
        return true;
    }
    return actual == expected;
}

class GoldenCase : public ::testing::TestWithParam<std::string> {};

bool moves_the_clock(const std::vector<Step>& steps) {
    return std::any_of(steps.begin(), steps.end(),
                       [](const Step& s) { return s.target == "/api/v1/system/clock" && s.method == "PUT"; });
}

/// Runs the steps of the case at `path` against `server`, checking every expectation.
void run_steps(TestServer& server, const std::vector<Step>& steps, const std::string& case_path,
               const StepHook& after_step = {}, std::vector<StepOutcome>* outcomes = nullptr) {
    std::map<std::string, std::string> vars;
    for (const auto& step : steps) {
        const auto where = case_path + ":" + std::to_string(step.line);
        std::map<std::string, std::string> headers;
        for (const auto& [name, value] : step.headers) headers[name] = substitute(value, vars);
        const auto request_id = "case-" + std::to_string(step.line);
        if (outcomes != nullptr) headers.emplace("X-Request-Id", request_id);
        if (step.as != "nobody") headers["Authorization"] = "Bearer " + server.token(step.as);
        auto body = substitute(step.body, vars);
        const auto type = headers.find("Content-Type");
        if (type != headers.end() && type->second.find("x-www-form-urlencoded") != std::string::npos &&
            !body.empty() && body.back() == '\n') {
            body.pop_back();  // a form's last field ends where its line does
        }
        if (!step.parts.empty()) {
            const std::string boundary = "hx-golden-boundary";
            auto parts = step.parts;
            for (auto& part : parts) part.value = substitute(part.value, vars);
            body = multipart_body(boundary, parts);
            headers["Content-Type"] = "multipart/form-data; boundary=" + boundary;
        }
        auto response = server.request(step.method, substitute(step.target, vars), body, headers);
        if (response.status == 401 && step.as != "nobody" && step.expect_status != 401) {
            // The clock moved past the session's idle timeout: sign in again, once.
            server.forget_token(step.as);
            headers["Authorization"] = "Bearer " + server.token(step.as);
            response = server.request(step.method, substitute(step.target, vars), body, headers);
        }
        if (outcomes != nullptr) {
            outcomes->push_back({step.as, step.method, substitute(step.target, vars), request_id,
                                 response.status});
        }
        if (step.expect_status >= 0) {
            EXPECT_EQ(response.status, static_cast<unsigned>(step.expect_status))
                << where << "\n" << response.body;
        }
        for (const auto& [name, value] : step.expect_headers) {
            EXPECT_NE(response.header(name).find(value), std::string::npos)
                << where << ": header " << name << " is '" << response.header(name) << "'";
        }
        for (const auto& text : step.expect_json) {
            const auto expected = nlohmann::json::parse(substitute(text, vars), nullptr, false);
            ASSERT_FALSE(expected.is_discarded()) << where << ": bad expect-json " << text;
            std::string path;
            EXPECT_TRUE(contains(response.json(), expected, path))
                << where << ": expected " << expected.dump() << " at " << path << "\nin "
                << response.body;
        }
        for (const auto& text : step.expect_body) {
            EXPECT_NE(response.body.find(text), std::string::npos)
                << where << ": body lacks '" << text << "'\n" << response.body.substr(0, 2000);
        }
        for (const auto& [name, pointer] : step.captures) {
            const auto json = response.json();
            const nlohmann::json::json_pointer ptr(pointer);
            ASSERT_TRUE(json.contains(ptr)) << where << ": nothing at " << pointer;
            const auto& value = json.at(ptr);
            vars[name] = value.is_string() ? value.get<std::string>() : value.dump();
        }
        if (after_step) after_step(step.method, substitute(step.target, vars), response, vars);
    }
}

TEST_P(GoldenCase, Answers) {
    const auto steps = parse_case(GetParam());
    // A case that moves the test clock gets a server of its own, so no other case sees it.
    std::unique_ptr<TestServer> own;
    if (moves_the_clock(steps)) own = std::make_unique<TestServer>(true);
    auto& server = own ? *own : TestServer::shared();
    ASSERT_FALSE(steps.empty()) << GetParam() << " has no steps";
    run_steps(server, steps, GetParam());
}

// `huixing spot-check verify` re-runs the draw the notice case published (第十四条3 抽查): it
// agrees with what was stored, and says so no longer once a stored check is changed.
TEST(SpotCheckVerify, ReRunsThePublishedDrawAndNoticesATamperedOne) {
    const auto path = std::string(HX_SOURCE_DIR) + "/tests/integration/cases/0030_notice_to_revocation.case";
    TestServer server(true);
    run_steps(server, parse_case(path), path);
    if (HasFailure()) return;
    const std::vector<std::string> verify = {huixing_binary(), "spot-check", "verify", "--db", server.db_url(),
                                             "--files", server.files_dir(), "--secrets", server.secrets_dir(),
                                             "--round", "1"};
    const auto good = run_command(verify);
    EXPECT_EQ(good.exit_code, 0) << good.output;
    EXPECT_NE(good.output.find("与记录的抽取结果一致"), std::string::npos) << good.output;
    server.exec_sql(R"(UPDATE spot_checks SET inspectors = '["expert_hd"]')",
                    R"(UPDATE spot_checks SET inspectors = '["expert_hd"]')");
    const auto bad = run_command(verify);
    EXPECT_EQ(bad.exit_code, 2) << bad.output;
    EXPECT_NE(bad.output.find("不一致"), std::string::npos) << bad.output;
}

std::vector<std::string> case_files() {
    std::vector<std::string> files;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(HX_SOURCE_DIR) + "/tests/integration/cases")) {
        if (entry.path().extension() == ".case") files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string case_name(const ::testing::TestParamInfo<std::string>& info) {
    auto name = std::filesystem::path(info.param).stem().string();
    for (auto& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenCase, ::testing::ValuesIn(case_files()), case_name);

}  // namespace

void run_case_file(TestServer& server, const std::string& path, const StepHook& after_step) {
    const auto steps = parse_case(path);
    ASSERT_FALSE(steps.empty()) << path << " has no steps";
    run_steps(server, steps, path, after_step);
}

std::vector<StepOutcome> run_golden_case(TestServer& server, const std::string& path) {
    std::vector<StepOutcome> outcomes;
    run_steps(server, parse_case(path), path, {}, &outcomes);
    return outcomes;
}
}  // namespace hx::testing
