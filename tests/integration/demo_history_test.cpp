// The certification history of `huixing init --demo` (docs/demo.md): built through the real
// services, then read back over HTTP and the command line. ctest runs each test in a process of
// its own, each building the history once (~7 s), so the checks are grouped into few tests.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "harness.hpp"

namespace hx::testing {
namespace {

TestServer& history_server() {
    static TestServer server(false, DemoData::kWithHistory);
    return server;
}

/// How many certifications the public gallery counts for a filter (every status).
int gallery_total(const std::string& query) {
    const auto result =
        history_server().request("GET", "/api/v1/public/certifications?page_size=1&" + query);
    EXPECT_EQ(result.status, 200U) << query << ": " << result.body;
    return result.status == 200U ? result.json().value("total", -1) : -1;
}

constexpr const char* kDistricts[] = {"110101", "110102", "110105", "110106", "110107", "110108",
                                      "110109", "110111", "110112", "110113", "110114", "110115",
                                      "110116", "110117", "110118", "110119"};

TEST(DemoHistory, AboutFifteenHundredCertifiedInEveryDistrictWithSanctions) {
    // The history is built for ./run's SQLite database; on PostgreSQL it would take minutes
    // of synced commits, so the pg.* run of the suite leaves it out.
    if (on_postgres()) GTEST_SKIP() << "演示历史只在 SQLite 上生成（./run）";
    // 第二条: about 1,500 smart communities by the end of 2015.
    const int total =
        gallery_total("year=2013") + gallery_total("year=2014") + gallery_total("year=2015");
    EXPECT_GE(total, 1350);
    EXPECT_LE(total, 1650);
    EXPECT_GT(gallery_total("year=2013"), 300);
    EXPECT_GT(gallery_total("year=2014"), 400);
    EXPECT_GT(gallery_total("year=2015"), 400);
    EXPECT_NE(history_server().init_output().find("已生成认定历史（演示数据）"), std::string::npos)
        << history_server().init_output();

    // Every district has certified communities.
    for (const char* district : kDistricts) {
        EXPECT_GT(gallery_total(std::string("district=") + district), 0) << district;
    }

    // 第十三条1: the pilot round tops out at ★★★; ★★★★ and ★★★★★ come later, as upgrades.
    EXPECT_EQ(gallery_total("year=2013&star=4"), 0);
    EXPECT_EQ(gallery_total("year=2013&star=5"), 0);
    for (const int star : {1, 2, 3})
        EXPECT_GT(gallery_total("year=2013&star=" + std::to_string(star)), 0) << star;
    EXPECT_GT(gallery_total("star=4"), 0);
    EXPECT_GT(gallery_total("star=5"), 0);
    EXPECT_GT(gallery_total("status=superseded"), 0);  // the upgraded communities' older titles

    // Sanctions after naming (第二十条).
    EXPECT_EQ(gallery_total("status=revoked"), 1);
    EXPECT_EQ(gallery_total("status=under_rectification"), 1);
}

TEST(DemoHistory, RoundsSayTheyAreDemoDataAndTheCurrentYearIsOpen) {
    // The history is built for ./run's SQLite database; on PostgreSQL it would take minutes
    // of synced commits, so the pg.* run of the suite leaves it out.
    if (on_postgres()) GTEST_SKIP() << "演示历史只在 SQLite 上生成（./run）";
    auto& server = history_server();
    const auto rounds = server.as("city_social", "GET", "/api/v1/rounds");
    ASSERT_EQ(rounds.status, 200U) << rounds.body;
    const auto listed = rounds.json();  // kept: the loops below iterate over it
    const auto now = std::chrono::system_clock::now() + std::chrono::hours(8);  // Beijing time
    const int year = static_cast<int>(
        std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)}.year());
    int closed = 0;
    bool current_open = false;
    for (const auto& round : listed.at("items")) {
        EXPECT_NE(round.value("name", "").find("（演示）"), std::string::npos) << round.dump();
        if (round.value("status", "") == "closed") ++closed;
        if (round.value("year", 0) == year && round.value("status", "") == "open") {
            current_open = true;
            EXPECT_EQ(round.value("kind", ""), "annual");
            EXPECT_EQ(round.at("calendar").value("community_deadline", ""),
                      std::to_string(year) + "-10-31T23:59:59.999+08:00");
        }
        if (round.value("year", 0) == 2013) {
            EXPECT_EQ(round.value("kind", ""), "pilot");
            EXPECT_EQ(round.value("scope", ""), "pilot_only");
            EXPECT_EQ(round.value("standard_id", ""), "bj-trial");
        }
    }
    EXPECT_EQ(closed, 3);
    EXPECT_TRUE(current_open);

    // The notices had comments (one upheld) and spot checks with results.
    bool upheld = false;
    for (const auto& round : listed.at("items")) {
        if (round.value("status", "") != "closed") continue;
        const auto id = std::to_string(round.value("id", 0));
        const auto comments = server.as("city_social", "GET", "/api/v1/rounds/" + id + "/comments");
        ASSERT_EQ(comments.status, 200U) << comments.body;
        if (comments.body.find("\"upheld\"") != std::string::npos) upheld = true;
        const auto checks =
            server.as("city_social", "GET", "/api/v1/rounds/" + id + "/spot-checks");
        ASSERT_EQ(checks.status, 200U) << checks.body;
        EXPECT_NE(checks.body.find("passed"), std::string::npos) << checks.body;
    }
    EXPECT_TRUE(upheld);
    const auto notices = server.request("GET", "/api/v1/public/notices");
    ASSERT_EQ(notices.status, 200U) << notices.body;
    EXPECT_NE(notices.body.find("2013"), std::string::npos);

    // 多福巷 has a draft in the open round, so its self-assessment screen has content.
    const auto mine = server.as("dc_community", "GET", "/api/v1/todo");
    ASSERT_EQ(mine.status, 200U) << mine.body;
    EXPECT_NE(mine.body.find("110101001001"), std::string::npos) << mine.body;
}

TEST(DemoHistory, AnnualReportsChecksAndTheLadderOfSanctions) {
    // The history is built for ./run's SQLite database; on PostgreSQL it would take minutes
    // of synced commits, so the pg.* run of the suite leaves it out.
    if (on_postgres()) GTEST_SKIP() << "演示历史只在 SQLite 上生成（./run）";
    auto& server = history_server();

    // 第十八条: reports on 2014 and 2015, most accepted, some returned with a reason, a few
    // overdue; every report says it is demo data.
    for (const int year : {2014, 2015}) {
        const auto list = server.as("city_social", "GET", "/api/v1/annual-reports/" + std::to_string(year));
        ASSERT_EQ(list.status, 200U) << list.body;
        const auto body = list.json();
        ASSERT_FALSE(body.at("campaign").is_null()) << year;
        // The list is of the communities that held a title at the end of that year: 2014's has
        // no community certified in 2015, whose report would be overdue before it was due.
        const auto total = body.value("total", 0);
        for (const auto& item : body.at("items")) {
            const auto serial = item.value("serial", "");
            ASSERT_GE(serial.size(), 11U) << item.dump();
            EXPECT_LE(std::stoi(serial.substr(7, 4)), year) << item.dump();
        }
        EXPECT_LT(body.value("overdue", 0), total / 5) << year;
        int filed = 0;
        for (const auto& item : body.at("items")) filed += item.at("report").is_null() ? 0 : 1;
        EXPECT_GT(filed, year == 2014 ? 850 : 1400) << year;
        EXPECT_GT(body.value("accepted", 0), filed * 85 / 100) << year;
        EXPECT_GT(body.value("overdue", 0), 0) << year;
        int returned = 0;
        for (const auto& item : body.at("items")) {
            if (item.at("report").is_null()) continue;
            const auto& report = item.at("report");
            EXPECT_NE(report.value("summary", "").find("演示数据"), std::string::npos) << report.dump();
            if (report.value("state", "") == "returned") {
                ++returned;
                EXPECT_NE(report.value("review_opinion", "").find("请补充"), std::string::npos) << report.dump();
            }
        }
        // 2014's returned reports were filed again and accepted; 2015's stay returned.
        if (year == 2014) {
            EXPECT_EQ(returned, 0);
        } else {
            EXPECT_GT(returned, 0);
        }
    }
    // 多福巷's report of 2015, accepted, with its attachment.
    const auto mine = server.as("dc_community", "GET", "/api/v1/annual-reports/2015/mine");
    ASSERT_EQ(mine.status, 200U) << mine.body;
    EXPECT_EQ(mine.json().at("report").value("state", ""), "accepted") << mine.body;
    EXPECT_EQ(mine.json().at("attachments").size(), 1U) << mine.body;

    // 第十九条: a published annual check each year, drawn from the committed seed, with one
    // failure that led to a sanction.
    for (const int year : {2014, 2015}) {
        const auto check = server.request("GET", "/api/v1/public/annual-checks/" + std::to_string(year));
        ASSERT_EQ(check.status, 200U) << check.body;
        const auto body = check.json();
        EXPECT_EQ(body.value("checked", 0), 32) << body.dump();  // two a district
        EXPECT_EQ(body.value("failed", 0), 1) << body.dump();
        EXPECT_EQ(body.value("seed", ""), "huixing-demo-" + std::to_string(year) + "-annual-check-seed");
        const auto bulletin = server.request("GET", "/public/annual-checks/" + std::to_string(year) + "/bulletin.pdf");
        EXPECT_EQ(bulletin.status, 200U);
        EXPECT_EQ(bulletin.body.rfind("%PDF-", 0), 0U);
    }
    // 第二十条: the revoked title went through a rectification whose report was returned and
    // whose deadline lapsed; its plaque verifies as revoked.
    const auto revoked = server.request("GET", "/api/v1/public/certifications?status=revoked&page_size=5");
    ASSERT_EQ(revoked.status, 200U) << revoked.body;
    ASSERT_EQ(revoked.json().at("items").size(), 1U) << revoked.body;
    const auto serial = revoked.json().at("items")[0].value("serial", "");
    const auto verified = server.request("GET", "/api/v1/public/verify/" + serial);
    ASSERT_EQ(verified.status, 200U) << verified.body;
    EXPECT_EQ(verified.json().value("status", ""), "revoked") << verified.body;
    std::vector<std::string> kinds;
    const auto verification = verified.json();  // kept: the loop iterates over it
    for (const auto& sanction : verification.at("sanctions")) kinds.push_back(sanction.value("kind", ""));
    EXPECT_EQ(kinds, (std::vector<std::string>{"rectification", "revocation"})) << verified.body;
    const auto page = server.request("GET", "/public/verify/" + serial);
    EXPECT_EQ(page.status, 200U);
    EXPECT_NE(page.body.find("撤销"), std::string::npos);

    // The failures of the annual checks: 2014's was criticised (the title stays valid); 2015's
    // was put under rectification, its report accepted, and the title is valid again.
    for (const auto& [year, action] : {std::pair{2014, "criticism"}, std::pair{2015, "rectification"}}) {
        const auto check = server.request("GET", "/api/v1/public/annual-checks/" + std::to_string(year));
        ASSERT_EQ(check.status, 200U) << check.body;
        std::string failed_serial;
        const auto published = check.json();  // kept: the loop iterates over it
        for (const auto& item : published.at("items")) {
            if (item.value("passed", true)) continue;
            EXPECT_EQ(item.value("action", ""), action) << item.dump();
            failed_serial = item.value("serial", "");
        }
        ASSERT_FALSE(failed_serial.empty()) << year;
        const auto verified_failed = server.request("GET", "/api/v1/public/verify/" + failed_serial);
        ASSERT_EQ(verified_failed.status, 200U) << verified_failed.body;
        // Valid (or, for 2014's, superseded by a later upgrade): neither revoked nor under
        // rectification any more, with the check's sanction on record.
        const auto status = verified_failed.json().value("status", "");
        EXPECT_TRUE(status == "valid" || (year == 2014 && status == "superseded")) << verified_failed.body;
        EXPECT_NE(verified_failed.body.find(std::string("\"kind\":\"") + action + "\""), std::string::npos)
            << verified_failed.body;
    }
    const auto cases = server.as("city_social", "GET", "/api/v1/rectifications");
    ASSERT_EQ(cases.status, 200U) << cases.body;
    // Only the open rectification of the current year remains (the lapsed one was revoked).
    EXPECT_EQ(cases.json().at("items").size(), 1U) << cases.body;
}

TEST(DemoHistory, TheAuditChainVerifies) {
    // The history is built for ./run's SQLite database; on PostgreSQL it would take minutes
    // of synced commits, so the pg.* run of the suite leaves it out.
    if (on_postgres()) GTEST_SKIP() << "演示历史只在 SQLite 上生成（./run）";
    auto& server = history_server();
    const auto verified =
        run_command({huixing_binary(), "audit", "verify", "--db", server.db_url()});
    EXPECT_EQ(verified.exit_code, 0) << verified.output;
    EXPECT_NE(verified.output.find("校验通过"), std::string::npos) << verified.output;
}

}  // namespace
}  // namespace hx::testing
