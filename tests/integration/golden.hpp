#pragma once
/// Golden cases (golden_test.cpp) run by other tests: the scale-out test runs one through nginx;
/// the audit and log tests replay one and then look behind the server (the audit log, its log).
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "harness.hpp"

namespace hx::testing {

/// Called after each step with the step's method, its target (variables substituted), the
/// answer and the case's variables (which the hook may add to).
using StepHook = std::function<void(const std::string& method, const std::string& target,
                                    const HttpResult& response,
                                    std::map<std::string, std::string>& vars)>;

/// Runs the golden case at `path` against `server`, checking every expectation.
void run_case_file(TestServer& server, const std::string& path, const StepHook& after_step = {});

/// One step of a replayed case as the server answered it. Each step is sent with its own
/// `X-Request-Id` (`case-<line>`), so its audit records can be found.
struct StepOutcome {
    std::string as;
    std::string method;
    std::string target;
    std::string request_id;
    unsigned status = 0;
};

/// Runs the case at `path` against `server`, checking every expectation as the golden test does.
std::vector<StepOutcome> run_golden_case(TestServer& server, const std::string& path);

}  // namespace hx::testing
