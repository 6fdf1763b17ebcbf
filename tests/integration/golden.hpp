#pragma once
/// The golden cases' runner (golden_test.cpp), for tests that replay a case and then look
/// behind the server: the audit log, the server's log.
#include <string>
#include <vector>

#include "harness.hpp"

namespace hx::testing {

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
