/// National scale (issue 9, item 3) on a database that `huixing import regions --national` made:
///   1. one synthetic self-assessment of the construction standard per community
///      (synthetic_assessment.hpp, as rating_bench), rated with the product's engine
///      (StandardService::engine → RatingEngine::eligible_star): all of them, RUNS times;
///   2. a certification year built from those ratings with plain SQL (this program's data, not
///      the product's path): one round, one application per community, submissions,
///      recommendations, two evaluations per recommended application, certifications and a
///      few sanctions; then the statistics' counters counted from those rows
///      (StatsRepository::rebuild_counters, what migration 0013 does for existing data);
///   3. the statistics of issue 6 through the product's StatsService (the code the
///      /api/v1/stats/* endpoints run) for a city_social bound to each province in turn —
///      coverage by district, the funnel, stars by district and street (summary), indicator
///      achievement rates — RUNS times each; a run is all 31 provinces, i.e. the whole dataset.
/// Prints one JSON object (medians in ms) on stdout; progress on stderr.
///
///     national_bench DB_FILE [RUNS]
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "domain/identity/user.hpp"
#include "domain/stats/stats.hpp"
#include "domain/store.hpp"
#include "domain/standards/rating.hpp"
#include "http/dto/standards.hpp"
#include "storage/migrate_db.hpp"
#include "synthetic_assessment.hpp"

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& what) {
    std::cerr << "national_bench: " << what << "\n";
    std::exit(1);
}

void check(int rc, sqlite3* db, const std::string& what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) die(what + ": " + sqlite3_errmsg(db));
}

void exec(sqlite3* db, const std::string& sql) {
    check(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), db, sql);
}

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// CPU time of this process in ms: on a shared machine, wall time includes the minutes other
/// tenants hold the cores; the CPU time is what the work itself cost.
double cpu_ms() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/// A prepared statement run once per row: bind, step, reset.
class Insert {
public:
    Insert(sqlite3* db, const char* sql) : db_(db) {
        check(sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr), db, sql);
    }
    ~Insert() { sqlite3_finalize(statement_); }
    Insert(const Insert&) = delete;
    Insert& operator=(const Insert&) = delete;
    Insert& text(int index, const std::string& value) {
        sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Insert& integer(int index, std::int64_t value) {
        sqlite3_bind_int64(statement_, index, value);
        return *this;
    }
    Insert& null(int index) {
        sqlite3_bind_null(statement_, index);
        return *this;
    }
    void run() {
        check(sqlite3_step(statement_), db_, sqlite3_sql(statement_));
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
    }

private:
    sqlite3* db_;
    sqlite3_stmt* statement_ = nullptr;
};

struct Community {
    std::string code;
    std::string name;
    std::string street_name;
    std::string district_code;
    std::string district_name;
    hx::standards::IndicatorSet achieved;
    std::vector<std::uint16_t> indices;
    hx::standards::Claims claims;
    int star = 0;
};

std::vector<Community> read_communities(sqlite3* db) {
    sqlite3_stmt* query = nullptr;
    const char* sql =
        "SELECT c.code, c.name, s.name, d.code, d.name FROM regions c "
        "JOIN regions s ON s.code = c.parent_code JOIN regions d ON d.code = s.parent_code "
        "WHERE c.level = 'community' ORDER BY c.code";
    check(sqlite3_prepare_v2(db, sql, -1, &query, nullptr), db, sql);
    std::vector<Community> out;
    out.reserve(640'000);
    auto column = [&](int i) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(query, i))); };
    while (sqlite3_step(query) == SQLITE_ROW) {
        Community c;
        c.code = column(0);
        c.name = column(1);
        c.street_name = column(2);
        c.district_code = column(3);
        c.district_name = column(4);
        out.push_back(std::move(c));
    }
    sqlite3_finalize(query);
    return out;
}

std::vector<std::string> read_provinces(sqlite3* db) {
    sqlite3_stmt* query = nullptr;
    const char* sql = "SELECT code FROM regions WHERE level = 'city' ORDER BY code";
    check(sqlite3_prepare_v2(db, sql, -1, &query, nullptr), db, sql);
    std::vector<std::string> out;
    while (sqlite3_step(query) == SQLITE_ROW) {
        out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(query, 0)));
    }
    sqlite3_finalize(query);
    return out;
}

std::string json_codes(const hx::standards::RatingEngine& engine, const std::vector<std::uint16_t>& indices) {
    std::string out = "[";
    for (const auto index : indices) {
        if (out.size() > 1) out += ',';
        out += '"' + engine.indicator_at(index).code + '"';
    }
    return out + "]";
}

std::string json_checks(const hx::standards::RatingEngine& engine, const std::vector<std::uint16_t>& indices,
                        hx::bench::Random& random) {
    std::string out = "[";
    for (const auto index : indices) {
        if (out.size() > 1) out += ',';
        out += R"({"code":")" + engine.indicator_at(index).code + R"(","verified":)" +
               (random.below(10) < 9 ? "true" : "false") + R"(,"reason":""})";
    }
    return out + "]";
}

struct Generated {
    std::int64_t applications = 0;
    std::int64_t submitted = 0;
    std::int64_t recommended = 0;
    std::int64_t evaluations = 0;
    std::int64_t certified = 0;
    std::int64_t sanctioned = 0;
};

constexpr int kYear = 2026;
constexpr std::int64_t kAt = 1'790'000'000'000;  // 2026-09-21, every row's time

/// The certification year of every community, in one transaction of plain SQL. Shares, per
/// community (seeded by its code): 60 % submit; a submitted one with a star is recommended at
/// 15 %; every recommended one is evaluated by two evaluators (90 % of its indicators verified
/// each) and certified at its eligible star; 3 % of the certified are sanctioned.
Generated generate(sqlite3* db, const hx::standards::RatingEngine& engine, const std::string& standard_id,
                   int revision, const std::vector<Community>& communities) {
    Generated g;
    exec(db, "BEGIN IMMEDIATE");
    Insert round(db,
                 "INSERT INTO rounds (id, year, kind, standard_id, standard_revision, scope, community_deadline, "
                 "district_deadline, notice_days, status, name, created_at, opened_at) "
                 "VALUES (1, ?1, 'annual', ?2, ?3, 'all', ?4, ?4, 7, 'closed', '全国规模测试批次', ?4, ?4)");
    round.integer(1, kYear).text(2, standard_id).integer(3, revision).integer(4, kAt).run();
    Insert application(db,
                       "INSERT INTO applications (id, round_id, community_code, community_name, street_code, "
                       "district_code, current_star, target_star, state, achieved, mechanism, mechanism_note, "
                       "effective, effectiveness_note, recommendation_rank, decided_star, submitted_at, "
                       "created_at, updated_at, version) "
                       "VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, '', ?11, '', ?12, ?13, ?14, ?15, ?15, 1)");
    Insert event(db,
                 "INSERT INTO application_events (application_id, at, user_id, username, role, action, "
                 "from_state, to_state, decision, opinion) "
                 "VALUES (?1, ?2, 0, 'bench', 'community', 'submit', 'draft', 'submitted', '', '')");
    Insert assignment(db,
                      "INSERT INTO evaluator_assignments (application_id, evaluator, evaluator_org, due_at, "
                      "assigned_at) VALUES (?1, ?2, '110000', ?3, ?3)");
    Insert evaluation(db,
                      "INSERT INTO evaluations (application_id, evaluator, checks, effective, opinion, at) "
                      "VALUES (?1, ?2, ?3, 1, '', ?4)");
    Insert certification(db,
                         "INSERT INTO certifications (serial, round_id, application_id, community_code, "
                         "community_name, full_name, district_code, district_name, street_name, star, year, "
                         "issued_at, status, superseded_by, status_changed_at, payload, signature, key_id) "
                         "VALUES (?1, 1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, '', ?10, '', '', '')");
    Insert sanction(db,
                    "INSERT INTO sanctions (serial, kind, reason, deadline, created_by, created_at) "
                    "VALUES (?1, 'rectification', '规模测试', NULL, 'bench', ?2)");
    std::map<std::string, std::int64_t> rank_in_district;
    for (const auto& c : communities) {
        hx::bench::Random random(std::stoull(c.code) ^ 0x5A17A5EULL);
        const std::int64_t id = ++g.applications;
        const bool submitted = random.below(100) < 60;
        const bool recommended = submitted && c.star >= 1 && random.below(100) < 15;
        const bool sanctioned = recommended && random.below(100) < 3;
        const char* state = recommended ? "certified" : submitted ? "submitted" : "draft";
        application.integer(1, id).text(2, c.code).text(3, c.name).text(4, c.code.substr(0, 9));
        application.text(5, c.district_code).integer(6, c.claims.current_star);
        application.integer(7, std::max(c.star, 1)).text(8, state).text(9, json_codes(engine, c.indices));
        application.integer(10, c.claims.mechanism ? 1 : 0).integer(11, c.claims.effective ? 1 : 0);
        if (recommended) {
            application.integer(12, ++rank_in_district[c.district_code]).integer(13, c.star);
        } else {
            application.null(12).null(13);
        }
        if (submitted) {
            application.integer(14, kAt);
        } else {
            application.null(14);
        }
        application.integer(15, kAt).run();
        if (!submitted) continue;
        ++g.submitted;
        event.integer(1, id).integer(2, kAt).run();
        if (!recommended) continue;
        ++g.recommended;
        for (const char* evaluator : {"ping1", "ping2"}) {
            assignment.integer(1, id).text(2, evaluator).integer(3, kAt).run();
            evaluation.integer(1, id).text(2, evaluator).text(3, json_checks(engine, c.indices, random));
            evaluation.integer(4, kAt).run();
            ++g.evaluations;
        }
        ++g.certified;
        std::string serial = std::to_string(g.certified);
        serial = "BJZHSQ-2026-" + std::to_string(c.star) + "-" + std::string(7 - std::min<std::size_t>(7, serial.size()), '0') + serial;
        certification.text(1, serial).integer(2, id).text(3, c.code).text(4, c.name).text(5, c.district_code);
        certification.text(6, c.district_name).text(7, c.street_name).integer(8, c.star).integer(9, kYear);
        certification.integer(10, kAt).text(11, sanctioned ? "under_rectification" : "valid").run();
        if (sanctioned) {
            sanction.text(1, serial).integer(2, kAt).run();
            ++g.sanctioned;
        }
    }
    exec(db, "COMMIT");
    return g;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: national_bench DB_FILE [RUNS]\n";
        return 2;
    }
    const std::string path = argv[1];
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;

    auto opened = hx::cli::App::open("sqlite:" + path, 2, false);
    if (!opened) die(opened.error().message());
    auto& app = **opened;
    if (auto migrated = hx::storage::migrate_store(app.store()); !migrated) die(migrated.error().message());

    // The construction standard, imported as `huixing init` does; its engine from the service.
    const std::string standard_path = std::string(HX_SOURCE_DIR) + "/data/standards/bj-construction.json";
    std::ifstream in(standard_path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto standard = hx::dto::parse_standard_text(text.str());
    if (!standard) die(standard_path + ": " + standard.error().message());
    auto imported = app.standards().import_locally(*standard);
    if (!imported) die(imported.error().message());
    const auto& stored = imported->stored;
    auto engine_ptr = app.standards().engine(stored.standard.id, stored.revision);
    if (!engine_ptr) die(engine_ptr.error().message());
    const hx::standards::RatingEngine& engine = **engine_ptr;

    sqlite3* db = nullptr;
    check(sqlite3_open(path.c_str(), &db), db, "open " + path);
    sqlite3_busy_timeout(db, 10'000);
    exec(db, "PRAGMA foreign_keys = ON");
    auto started = Clock::now();
    auto communities = read_communities(db);
    const auto provinces = read_provinces(db);
    if (communities.empty()) die("no communities in " + path + ": run huixing import regions --national first");
    std::cerr << "read " << communities.size() << " communities, " << provinces.size() << " provinces in "
              << ms_since(started) << " ms\n";

    // 1. Rating.
    started = Clock::now();
    for (auto& c : communities) {
        c.claims = hx::bench::synthetic_assessment(std::stoull(c.code), engine.indicator_count(), c.indices);
        auto set = engine.resolve_indices(c.indices);
        if (!set) die(set.error().message());
        c.achieved = *set;
    }
    std::cerr << "built the assessments in " << ms_since(started) << " ms\n";
    std::vector<double> rating_ms;
    std::vector<double> rating_cpu_ms;
    std::int64_t stars = 0;
    for (int run = 0; run < runs; ++run) {
        stars = 0;
        started = Clock::now();
        const double cpu_started = cpu_ms();
        for (auto& c : communities) {
            c.star = engine.eligible_star(c.achieved, c.claims);
            stars += c.star;
        }
        rating_ms.push_back(ms_since(started));
        rating_cpu_ms.push_back(cpu_ms() - cpu_started);
    }

    // 2. The certification year.
    started = Clock::now();
    const auto generated = generate(db, engine, stored.standard.id, stored.revision, communities);
    const double generate_ms = ms_since(started);
    std::cerr << "generated " << generated.applications << " applications, " << generated.certified
              << " certifications in " << generate_ms << " ms\n";
    // The year was written with plain SQL, past the repositories that keep the statistics'
    // counters (migration 0013): count them once from the raw rows, as that migration does.
    started = Clock::now();
    if (auto rebuilt = app.store().write([](hx::Repositories& repos) { return repos.stats().rebuild_counters(); });
        !rebuilt) {
        die("rebuild_counters: " + rebuilt.error().message());
    }
    const double rebuild_ms = ms_since(started);
    std::cerr << "counted the statistics' counters in " << rebuild_ms << " ms\n";
    exec(db, "ANALYZE");
    communities.clear();
    communities.shrink_to_fit();

    // 3. The statistics, as the endpoints run them, one province's city_social at a time.
    hx::identity::Actor actor;
    actor.user_id = 1;
    actor.username = "bench";
    actor.role = hx::identity::Role::kCitySocial;
    auto& stats = app.stats();
    // Each query's result is dropped; a failure stops the run.
    auto status_of = [](const auto& result) -> hx::Status {
        if (!result) return hx::fail(result.error());
        return hx::ok();
    };
    // The reference: one plain statement on a connection of its own that reads every
    // application row in the province once, its JSON included (the floor of any statistic
    // over applications).
    sqlite3_stmt* scan = nullptr;
    const char* scan_sql =
        "SELECT count(*), sum(length(achieved)) FROM applications "
        "WHERE round_id = 1 AND community_code >= ?1 AND community_code < ?2";
    check(sqlite3_prepare_v2(db, scan_sql, -1, &scan, nullptr), db, scan_sql);
    auto reference = [&]() -> hx::Status {
        const std::string lower = actor.org_code.substr(0, 2);
        const std::string upper = std::string(1, lower[0]) + static_cast<char>(lower[1] + 1);
        sqlite3_bind_text(scan, 1, lower.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(scan, 2, upper.c_str(), -1, SQLITE_TRANSIENT);
        const int rc = sqlite3_step(scan);
        sqlite3_reset(scan);
        if (rc != SQLITE_ROW) return hx::fail(hx::Error::internal(sqlite3_errmsg(db)));
        return hx::ok();
    };
    const std::vector<std::pair<std::string, std::function<hx::Status()>>> queries = {
        {"reference_scan", reference},
        {"coverage", [&] { return status_of(stats.coverage(actor, "")); }},
        {"funnel", [&] { return status_of(stats.funnel(actor, 1, std::nullopt, "")); }},
        {"summary", [&] { return status_of(stats.summary(actor, kYear, "")); }},
        {"indicators", [&] { return status_of(stats.indicators(actor, 1, "")); }},
    };
    std::ostringstream out;
    out << "{\"communities\":" << generated.applications << ",\"provinces\":" << provinces.size()
        << ",\"runs\":" << runs << ",\"stars\":" << stars << ",\"rating_ms\":" << median(rating_ms)
        << ",\"rating_cpu_ms\":" << median(rating_cpu_ms)
        << ",\"generate_ms\":" << generate_ms << ",\"rebuild_ms\":" << rebuild_ms << ",\"submitted\":" << generated.submitted
        << ",\"recommended\":" << generated.recommended << ",\"evaluations\":" << generated.evaluations
        << ",\"certified\":" << generated.certified << ",\"sanctioned\":" << generated.sanctioned
        << ",\"queries\":{";
    bool first = true;
    for (const auto& [name, query] : queries) {
        std::vector<double> totals;
        std::vector<double> cpu_totals;
        std::map<std::string, std::vector<double>> per_province;
        for (int run = 0; run < runs; ++run) {
            double total = 0;
            const double cpu_started = cpu_ms();
            for (const auto& province : provinces) {
                actor.org_code = province;
                started = Clock::now();
                if (auto done = query(); !done) die(name + " " + province + ": " + done.error().message());
                const double took = ms_since(started);
                per_province[province].push_back(took);
                total += took;
            }
            totals.push_back(total);
            cpu_totals.push_back(cpu_ms() - cpu_started);
        }
        std::string slowest;
        double slowest_ms = -1;
        for (const auto& [province, times] : per_province) {
            if (median(times) > slowest_ms) {
                slowest_ms = median(times);
                slowest = province;
            }
        }
        std::cerr << name << ": all provinces " << median(totals) << " ms (CPU " << median(cpu_totals) << " ms), slowest " << slowest << " "
                  << slowest_ms << " ms\n";
        out << (first ? "" : ",") << "\"" << name << "\":{\"all_ms\":" << median(totals)
            << ",\"all_cpu_ms\":" << median(cpu_totals)
            << ",\"slowest_province\":\"" << slowest << "\",\"slowest_ms\":" << slowest_ms << "}";
        first = false;
    }
    out << "}}";
    std::cout << out.str() << "\n";
    sqlite3_finalize(scan);
    sqlite3_close(db);
    return 0;
}
