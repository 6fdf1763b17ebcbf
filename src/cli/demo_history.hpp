#pragma once
/// The certification history of `huixing init --demo` (issue 6 item 7): a 2013 pilot round, the
/// 2014 and 2015 annual rounds (about 1,500 certified communities by the end of 2015, 第二条),
/// annual reports on 2014 and 2015 (第十八条), the annual spot checks of 2014 and 2015 (第十九条),
/// sanctions after naming along the ladder (第二十条) and an open round for the current year. Every step goes
/// through the domain services of App with the settable clock moved through the years, so the
/// data obeys the same rules (scope, states, deadlines, audit chain) as real use.
#include <map>
#include <string>
#include <vector>

#include "cli/app.hpp"

namespace hx::cli {

/// What the history holds, for the summary `init --demo` prints.
struct DemoHistory {
    int rounds = 0;
    int applications = 0;
    /// year → star → certifications issued in that year's round.
    std::map<int, std::map<int, int>> certified;
    int comments = 0;
    int spot_checks = 0;
    /// Annual reports submitted (第十八条) and communities inspected by annual checks (第十九条).
    int annual_reports = 0;
    int annual_checks = 0;
    int sanctions = 0;
    /// Demo staff accounts made for the history (evaluators of further districts).
    int staff_accounts = 0;
};

/// The 512 pilot communities of the demo (第九条): every k-th community in code order, so they
/// spread over the districts in proportion to size; 多福巷 (110101001001) is always among them.
std::vector<std::string> demo_pilot_codes(const std::vector<regions::Region>& nodes);

/// Builds the history. Needs the demo users (create_demo_users) and the pilots marked, and an
/// App opened with the settable clock; leaves that clock at the real time again.
Result<DemoHistory> build_demo_history(App& app, const std::vector<regions::Region>& nodes);

}  // namespace hx::cli
