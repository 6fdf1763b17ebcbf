#pragma once
/// Golden cases (golden_test.cpp) run by other tests: the scale-out test runs one through nginx.
#include <functional>
#include <map>
#include <string>

#include "harness.hpp"

namespace hx::testing {

/// Called after each step with the step's method, its target (variables substituted), the
/// answer and the case's variables (which the hook may add to).
using StepHook = std::function<void(const std::string& method, const std::string& target,
                                    const HttpResult& response,
                                    std::map<std::string, std::string>& vars)>;

/// Runs the golden case at `path` against `server`, checking every expectation.
void run_case_file(TestServer& server, const std::string& path, const StepHook& after_step = {});

}  // namespace hx::testing
