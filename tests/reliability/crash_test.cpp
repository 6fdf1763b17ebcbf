// Crash durability (issue 10, item 1; docs/reliability.md): concurrent community workers create,
// assess, upload evidence for and submit applications against a real `huixing serve` on a SQLite
// file, while the server is killed with SIGKILL at random (seeded) moments and restarted. Every
// write carries an Idempotency-Key and is retried with it until it is acknowledged. At the end
// the database must hold every acknowledged write exactly once, the evidence files must hash to
// their names, and `PRAGMA integrity_check` must have said "ok" after every kill.
//
//   hx_crash_test [--clients 32] [--seconds 24] [--kill-min-ms 5000] [--kill-max-ms 15000]
//                 [--seed N] [--rounds 148] [--unsafe-deferred-commit-ms MS --expect-losses]
//                 [--no-idempotency-keys] [--binary PATH_TO_HUIXING]
//
// With --unsafe-deferred-commit-ms the server acknowledges writes before committing them (the
// negative control): run with --expect-losses, the test passes only if the checker finds losses.
// --no-idempotency-keys retries without keys: the checker then reports the duplicates and the
// 409s of retried creations whenever a kill fell between a commit and its answer.
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Options {
    int clients = 32;
    int seconds = 24;
    int kill_min_ms = 5000;
    int kill_max_ms = 15000;
    unsigned seed = 20261129;
    int unsafe_deferred_commit_ms = 0;
    bool expect_losses = false;
    int rounds = 148;
    bool idempotency_keys = true;
    std::string binary = HX_BINARY;  // --binary: another build of huixing (e.g. with ASan)
};

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> long {
            if (i + 1 >= argc) throw std::invalid_argument("missing value for " + arg);
            return std::stol(argv[++i]);
        };
        if (arg == "--clients") options.clients = static_cast<int>(value());
        else if (arg == "--seconds") options.seconds = static_cast<int>(value());
        else if (arg == "--kill-min-ms") options.kill_min_ms = static_cast<int>(value());
        else if (arg == "--kill-max-ms") options.kill_max_ms = static_cast<int>(value());
        else if (arg == "--seed") options.seed = static_cast<unsigned>(value());
        else if (arg == "--rounds") options.rounds = static_cast<int>(value());
        else if (arg == "--unsafe-deferred-commit-ms") options.unsafe_deferred_commit_ms = static_cast<int>(value());
        else if (arg == "--expect-losses") options.expect_losses = true;
        else if (arg == "--no-idempotency-keys") options.idempotency_keys = false;
        else if (arg == "--binary") {
            if (i + 1 >= argc) throw std::invalid_argument("missing value for --binary");
            options.binary = argv[++i];
        }
        else throw std::invalid_argument("unknown option " + arg);
    }
    if (options.clients < 1 || options.seconds < 1 || options.kill_min_ms < 1 ||
        options.kill_max_ms < options.kill_min_ms || options.rounds < 1 || options.rounds > 148) {
        throw std::invalid_argument("invalid options");
    }
    return options;
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

int run_command(const std::vector<std::string>& args, std::string& output) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(fds[1]);
    char buffer[4096];
    ssize_t n = 0;
    while ((n = read(fds[0], buffer, sizeof buffer)) > 0) output.append(buffer, static_cast<std::size_t>(n));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// `huixing serve` as a child process. The port comes back through a pipe the server writes as
/// its --port-file (/dev/fd/3): reading it blocks until the socket listens, and ends with EOF
/// if the server dies first, so starting needs no polling.
class ServerProcess {
public:
    ServerProcess(std::string binary, std::string dir, int unsafe_deferred_commit_ms)
        : binary_(std::move(binary)), dir_(std::move(dir)), unsafe_ms_(unsafe_deferred_commit_ms) {}

    unsigned short start() {
        std::vector<std::string> args = {binary_, "serve", "--db", "sqlite:" + dir_ + "/huixing.db",
                                         "--listen", "127.0.0.1:0", "--port-file", "/dev/fd/3",
                                         "--workers", "8"};
        if (unsafe_ms_ > 0) {
            args.emplace_back("--unsafe-deferred-commit-ms");
            args.emplace_back(std::to_string(unsafe_ms_));
        }
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        const std::string log_path = dir_ + "/server.log";
        int fds[2];
        if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
        pid_ = fork();
        if (pid_ == 0) {
            const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
            dup2(log, 1);
            dup2(log, 2);
            dup2(fds[1], 3);
            close_range(4, ~0U, 0);
            execv(argv[0], argv.data());
            _exit(127);
        }
        close(fds[1]);
        std::string text;
        char c = 0;
        while (read(fds[0], &c, 1) == 1 && c != '\n') text.push_back(c);
        close(fds[0]);
        if (text.empty()) throw std::runtime_error("server died at start:\n" + read_file(log_path));
        return static_cast<unsigned short>(std::stoul(text));
    }

    void kill_now() {
        if (pid_ <= 0) return;
        kill(pid_, SIGKILL);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
    }

    ~ServerProcess() { kill_now(); }

private:
    std::string binary_;
    std::string dir_;
    int unsafe_ms_;
    pid_t pid_ = -1;
};

/// Where the server listens now. Clients that lost their server wait here for the next one:
/// the killer thread announces each restart, so no client polls or sleeps.
class Endpoint {
public:
    struct Seen {
        unsigned generation;
        unsigned short port;
    };
    Seen current() {
        const std::lock_guard<std::mutex> lock(mutex_);
        return {generation_, port_};
    }
    /// Blocks until a server newer than `generation` is up; nullopt once the run is over.
    std::optional<Seen> wait_newer_than(unsigned generation) {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return finished_ || generation_ > generation; });
        if (finished_) return std::nullopt;
        return Seen{generation_, port_};
    }
    void up(unsigned short port) {
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            port_ = port;
            ++generation_;
        }
        changed_.notify_all();
    }
    void finish() {
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            finished_ = true;
        }
        changed_.notify_all();
    }
    bool finished() {
        const std::lock_guard<std::mutex> lock(mutex_);
        return finished_;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    unsigned generation_ = 0;
    unsigned short port_ = 0;
    bool finished_ = false;
};

struct Response {
    unsigned status = 0;
    std::string body;
    bool replayed = false;
    json value() const { return json::parse(body, nullptr, false); }
};

/// One HTTP exchange on a fresh connection; nullopt when the connection failed (server gone).
std::optional<Response> exchange(unsigned short port, const std::string& method, const std::string& target,
                                 const std::string& body, const std::map<std::string, std::string>& headers) {
    try {
        net::io_context ioc;
        beast::tcp_stream stream(ioc);
        stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
        bhttp::request<bhttp::string_body> request(bhttp::string_to_verb(method), target, 11);
        request.set(bhttp::field::host, "127.0.0.1");
        request.set(bhttp::field::content_type, "application/json");
        for (const auto& [name, value] : headers) request.set(name, value);
        request.body() = body;
        request.prepare_payload();
        bhttp::write(stream, request);
        beast::flat_buffer buffer;
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(16 * 1024 * 1024);
        bhttp::read(stream, buffer, parser);
        Response out;
        out.status = parser.get().result_int();
        out.body = parser.get().body();
        out.replayed = parser.get().count("Idempotent-Replayed") > 0;
        beast::error_code ignored;
        stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
        return out;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

struct Counters {
    bool idempotency_keys = true;  // false: --no-idempotency-keys, to see retries without them
    std::atomic<long> requests{0};
    std::atomic<long> acknowledged{0};
    std::atomic<long> connection_failures{0};
    std::atomic<long> server_errors{0};
    std::atomic<long> replays{0};
};

/// Sends a write until it is answered with something other than a connection failure or a 5xx,
/// always with the same key and bytes. nullopt when the run ended first (not acknowledged).
std::optional<Response> send_until_answered(Endpoint& endpoint, Counters& counters, const std::string& method,
                                            const std::string& target, const std::string& body,
                                            std::map<std::string, std::string> headers, const std::string& key) {
    if (counters.idempotency_keys) headers["Idempotency-Key"] = key;
    auto seen = endpoint.current();
    while (true) {
        if (endpoint.finished()) return std::nullopt;
        ++counters.requests;
        auto response = exchange(seen.port, method, target, body, headers);
        if (response && response->status < 500) {
            if (response->replayed) ++counters.replays;
            return response;
        }
        if (response) {
            // A 5xx (the database busy during a restart, …) was not acknowledged: ask again.
            ++counters.server_errors;
            const auto now = endpoint.current();
            if (now.generation != seen.generation) seen = now;
            continue;
        }
        ++counters.connection_failures;
        auto next = endpoint.wait_newer_than(seen.generation);
        if (!next) return std::nullopt;
        seen = *next;
    }
}

/// What the server acknowledged, as the client saw it: the checker's list of promises.
struct Acknowledged {
    struct Application {
        std::int64_t id = 0;
        std::string community_code;
        std::int64_t round_id = 0;
        bool assessed = false;
        bool submitted = false;
    };
    struct Evidence {
        std::int64_t id = 0;
        std::int64_t application_id = 0;
        std::string sha256;
    };
    std::vector<Application> applications;
    std::vector<Evidence> evidence;
    std::vector<std::string> unexpected;  // answers a correct server never gives
};

const char* kAchieved =
    R"(["1","2","4","6","7","8","10","12","13","15","16","19","20","21","22","25","27","28","29","30","31","32","34","35","37"])";

std::string multipart(const std::string& boundary, const std::string& file_name, const std::string& bytes) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"indicator\"\r\n\r\n1\r\n--" + boundary +
           "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
           "\"\r\nContent-Type: application/pdf\r\n\r\n" + bytes + "\r\n--" + boundary + "--\r\n";
}

/// One community worker: for each round in turn, create, assess, upload two files, submit.
void run_client(int client, const std::string& token, const std::string& community,
                const std::vector<std::int64_t>& rounds, Endpoint& endpoint, Counters& counters,
                Acknowledged& out) {
    const std::map<std::string, std::string> auth = {{"Authorization", "Bearer " + token}};
    const auto prefix = "crash-c" + std::to_string(client) + "-r";
    auto unexpected = [&](const std::string& what, const Response& r) {
        out.unexpected.push_back("client " + std::to_string(client) + " " + what + ": " +
                                 std::to_string(r.status) + " " + r.body.substr(0, 300));
    };
    for (std::size_t i = 0; i < rounds.size(); ++i) {
        const auto key = prefix + std::to_string(rounds[i]);
        Acknowledged::Application application;
        application.community_code = community;
        application.round_id = rounds[i];
        const json create = {{"community_code", community}, {"target_star", 3}};
        auto created = send_until_answered(endpoint, counters, "POST",
                                           "/api/v1/rounds/" + std::to_string(rounds[i]) + "/applications",
                                           create.dump(), auth, key + "-create");
        if (!created) return;
        if (created->status != 201) return unexpected("create", *created);
        ++counters.acknowledged;
        application.id = created->value().at("id").get<std::int64_t>();
        out.applications.push_back(application);
        const auto path = "/api/v1/applications/" + std::to_string(application.id);

        auto assessed = send_until_answered(endpoint, counters, "PUT", path + "/assessment",
                                            std::string(R"({"achieved":)") + kAchieved + R"(,"mechanism":true})",
                                            auth, key + "-assess");
        if (!assessed) return;
        if (assessed->status != 200) return unexpected("assessment", *assessed);
        ++counters.acknowledged;
        out.applications.back().assessed = true;

        for (int file = 0; file < 2; ++file) {
            const std::string bytes = "%PDF-1.4\n% crash test: client " + std::to_string(client) + ", round " +
                                      std::to_string(rounds[i]) + ", file " + std::to_string(file) +
                                      "\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
            const std::string boundary = "hxcrash" + std::to_string(client) + "x" + std::to_string(file);
            auto headers = auth;
            headers["Content-Type"] = "multipart/form-data; boundary=" + boundary;
            auto uploaded = send_until_answered(endpoint, counters, "POST", path + "/evidence",
                                                multipart(boundary, "材料" + std::to_string(file) + ".pdf", bytes),
                                                headers, key + "-file" + std::to_string(file));
            if (!uploaded) return;
            if (uploaded->status != 201) return unexpected("evidence", *uploaded);
            ++counters.acknowledged;
            const auto value = uploaded->value();
            out.evidence.push_back({value.at("id").get<std::int64_t>(), application.id, sha256_hex(bytes)});
            if (value.at("sha256") != out.evidence.back().sha256) unexpected("evidence hash", *uploaded);
        }

        auto submitted = send_until_answered(endpoint, counters, "POST", path + "/submit", "", auth, key + "-submit");
        if (!submitted) return;
        if (submitted->status != 200) return unexpected("submit", *submitted);
        ++counters.acknowledged;
        out.applications.back().submitted = true;
    }
}

/// SQLite, opened by the checker while no server runs.
class Database {
public:
    explicit Database(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
            throw std::runtime_error("cannot open " + path);
        }
    }
    ~Database() { sqlite3_close(db_); }
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Every row of a query as text columns.
    std::vector<std::vector<std::string>> rows(const std::string& sql, std::optional<std::int64_t> bind = {}) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
            throw std::runtime_error(std::string("prepare: ") + sqlite3_errmsg(db_) + ": " + sql);
        }
        if (bind) sqlite3_bind_int64(statement, 1, *bind);
        std::vector<std::vector<std::string>> out;
        while (sqlite3_step(statement) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int i = 0; i < sqlite3_column_count(statement); ++i) {
                const auto* text = sqlite3_column_text(statement, i);
                row.emplace_back(text == nullptr ? "" : reinterpret_cast<const char*>(text));
            }
            out.push_back(std::move(row));
        }
        sqlite3_finalize(statement);
        return out;
    }

private:
    sqlite3* db_ = nullptr;
};

std::string integrity_check(const std::string& db_path) {
    Database db(db_path);
    const auto rows = db.rows("PRAGMA integrity_check");
    return rows.empty() ? "no answer" : rows.front().front();
}

struct Findings {
    long missing = 0;
    long duplicates = 0;
    long bad_files = 0;
    std::vector<std::string> details;
    void note(const std::string& text) {
        if (details.size() < 20) details.push_back(text);
    }
};

Findings check(const std::string& dir, const std::vector<Acknowledged>& acknowledged) {
    Findings findings;
    Database db(dir + "/huixing.db");
    for (const auto& client : acknowledged) {
        for (const auto& a : client.applications) {
            const auto rows = db.rows("SELECT community_code, round_id, state, achieved FROM applications WHERE id = ?1", a.id);
            if (rows.empty()) {
                ++findings.missing;
                findings.note("application " + std::to_string(a.id) + " acknowledged but missing");
                continue;
            }
            const auto& row = rows.front();
            if (row[0] != a.community_code || row[1] != std::to_string(a.round_id)) {
                ++findings.missing;
                findings.note("application " + std::to_string(a.id) + " belongs to " + row[0] + "/" + row[1]);
            }
            if (a.assessed && row[3].find("\"37\"") == std::string::npos) {
                ++findings.missing;
                findings.note("assessment of application " + std::to_string(a.id) + " acknowledged but missing");
            }
            if (a.submitted && row[2] != "submitted") {
                ++findings.missing;
                findings.note("submission of application " + std::to_string(a.id) + " acknowledged, state is " + row[2]);
            }
        }
        for (const auto& e : client.evidence) {
            const auto rows = db.rows("SELECT application_id, sha256 FROM evidence WHERE id = ?1", e.id);
            if (rows.empty() || rows.front()[0] != std::to_string(e.application_id) || rows.front()[1] != e.sha256) {
                ++findings.missing;
                findings.note("evidence " + std::to_string(e.id) + " acknowledged but missing or changed");
                continue;
            }
            const auto file = dir + "/huixing.db.files/" + e.sha256.substr(0, 2) + "/" + e.sha256.substr(2, 2) + "/" + e.sha256;
            if (!std::filesystem::exists(file) || sha256_hex(read_file(file)) != e.sha256) {
                ++findings.bad_files;
                findings.note("evidence file " + file + " missing or not matching its hash");
            }
        }
    }
    // Retries must never have made a second copy of anything.
    const std::vector<std::pair<std::string, std::string>> duplicate_queries = {
        {"application per round and community",
         "SELECT community_code || '/' || round_id FROM applications GROUP BY community_code, round_id HAVING COUNT(*) > 1"},
        {"evidence per application and content",
         "SELECT application_id || '/' || sha256 FROM evidence GROUP BY application_id, sha256 HAVING COUNT(*) > 1"},
        {"submission event",
         "SELECT application_id FROM application_events WHERE action = 'submit' GROUP BY application_id HAVING COUNT(*) > 1"},
        {"audit record",
         "SELECT action || ' ' || object || ' ' || detail FROM audit_log WHERE action LIKE 'application.%' "
         "GROUP BY action, object, detail HAVING COUNT(*) > 1"},
    };
    for (const auto& [what, sql] : duplicate_queries) {
        for (const auto& row : db.rows(sql)) {
            ++findings.duplicates;
            findings.note("duplicate " + what + ": " + row.front());
        }
    }
    return findings;
}

std::string make_temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "hx-crash-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    return pattern;
}

/// The demo database, 32 (or --clients) extra community accounts and the open rounds.
struct Setup {
    std::vector<std::string> tokens;
    std::vector<std::string> communities;
    std::vector<std::int64_t> rounds;
};

std::map<std::string, std::string> demo_passwords(const std::string& path) {
    std::map<std::string, std::string> passwords;
    std::ifstream logins(path);
    std::string line;
    while (std::getline(logins, line)) {
        std::istringstream fields(line);
        std::string username, password;
        if (line.rfind("  ", 0) == 0 && fields >> username >> password) passwords[username] = password;
    }
    return passwords;
}

std::string sign_in(unsigned short port, const std::string& username, const std::string& password) {
    const json body = {{"username", username}, {"password", password}};
    const auto r = exchange(port, "POST", "/api/v1/session", body.dump(), {});
    if (!r || r->status != 200) throw std::runtime_error("sign-in of " + username + " failed");
    return r->value().at("token").get<std::string>();
}

Setup set_up(const std::string& dir, unsigned short port, const Options& options) {
    const auto passwords = demo_passwords(dir + "/logins.txt");
    const auto admin = "Bearer " + sign_in(port, "admin", passwords.at("admin"));
    const auto city = "Bearer " + sign_in(port, "city_social", passwords.at("city_social"));
    Setup setup;
    // Distinct communities, from the division list; the round's scope `all` admits them all.
    std::ifstream csv(std::string(HX_SOURCE_DIR) + "/data/beijing-divisions.csv");
    std::string line;
    std::getline(csv, line);
    while (static_cast<int>(setup.communities.size()) < options.clients && std::getline(csv, line)) {
        // district_code,district_name,street_code,street_name,community_code,…
        std::istringstream fields(line);
        std::string community;
        for (int column = 0; column < 5; ++column) std::getline(fields, community, ',');
        if (community.size() == 12) setup.communities.push_back(community);
    }
    const std::string password = "Crash-Test-2026-pw!";
    for (int i = 0; i < options.clients; ++i) {
        const auto username = "crash" + std::to_string(i);
        const json user = {{"username", username}, {"password", password}, {"name", "崩溃测试社区 " + std::to_string(i)},
                           {"role", "community"}, {"org_code", setup.communities[static_cast<std::size_t>(i)]}};
        const auto r = exchange(port, "POST", "/api/v1/users", user.dump(), {{"Authorization", admin}});
        if (!r || r->status != 201) throw std::runtime_error("creating " + username + ": " + (r ? r->body : "no answer"));
        setup.tokens.push_back(sign_in(port, username, password));
    }
    // Rounds are unique by year and kind: 2027–2100, pilot then annual, all open to every community.
    for (int i = 0; i < options.rounds; ++i) {
        const json round = {{"year", 2027 + i % 74}, {"kind", i < 74 ? "pilot" : "annual"},
                            {"standard_id", "bj-trial"}, {"scope", "all"}};
        const auto r = exchange(port, "POST", "/api/v1/rounds", round.dump(), {{"Authorization", city}});
        if (!r || r->status != 201) throw std::runtime_error("creating a round: " + (r ? r->body : "no answer"));
        const auto id = r->value().at("id").get<std::int64_t>();
        const auto opened = exchange(port, "POST", "/api/v1/rounds/" + std::to_string(id) + "/open", "",
                                     {{"Authorization", city}});
        if (!opened || opened->status != 200) throw std::runtime_error("opening a round");
        setup.rounds.push_back(id);
    }
    return setup;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    try {
        options = parse_options(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
    if (sodium_init() < 0) return 2;
    signal(SIGPIPE, SIG_IGN);
    const auto dir = make_temp_dir();
    std::cout << "crash test in " << dir << ": " << options.clients << " clients, " << options.seconds
              << " s, SIGKILL every " << options.kill_min_ms << "–" << options.kill_max_ms << " ms (seed "
              << options.seed << ")"
              << (options.unsafe_deferred_commit_ms > 0
                      ? ", NEGATIVE CONTROL: commits deferred by " + std::to_string(options.unsafe_deferred_commit_ms) + " ms"
                      : std::string())
              << std::endl;
    const auto began = Clock::now();
    auto seconds_since = [](Clock::time_point t) {
        return std::chrono::duration<double>(Clock::now() - t).count();
    };
    std::string output;
    if (run_command({options.binary, "init", "--db", "sqlite:" + dir + "/huixing.db", "--demo", "--no-history", "--logins-file",
                     dir + "/logins.txt"},
                    output) != 0) {
        std::cerr << "init failed:\n" << output;
        return 1;
    }
    Setup setup;
    {
        // Accounts and rounds are made on a safe server, before the run and its faults.
        ServerProcess safe(options.binary, dir, 0);
        const auto port = safe.start();
        try {
            setup = set_up(dir, port, options);
        } catch (const std::exception& e) {
            std::cerr << "set-up failed: " << e.what() << "\n" << read_file(dir + "/server.log");
            return 1;
        }
    }

    const double setup_seconds = seconds_since(began);
    const auto run_began = Clock::now();
    ServerProcess server(options.binary, dir, options.unsafe_deferred_commit_ms);
    Endpoint endpoint;
    Counters counters;
    counters.idempotency_keys = options.idempotency_keys;
    endpoint.up(server.start());
    std::vector<Acknowledged> acknowledged(static_cast<std::size_t>(options.clients));
    std::vector<std::thread> clients;
    for (int i = 0; i < options.clients; ++i) {
        const auto index = static_cast<std::size_t>(i);
        clients.emplace_back(run_client, i, setup.tokens[index], setup.communities[index], std::cref(setup.rounds),
                             std::ref(endpoint), std::ref(counters), std::ref(acknowledged[index]));
    }

    // The kill schedule: random (seeded) intervals, the only waiting by time in this test.
    std::mt19937 random(options.seed);
    std::uniform_int_distribution<int> interval(options.kill_min_ms, options.kill_max_ms);
    const auto end = Clock::now() + std::chrono::seconds(options.seconds);
    int kills = 0;
    std::vector<std::string> integrity;
    bool integrity_ok = true;
    auto kill_and_check = [&] {
        server.kill_now();
        ++kills;
        const auto verdict = integrity_check(dir + "/huixing.db");
        integrity.push_back(verdict);
        if (verdict != "ok") integrity_ok = false;
    };
    while (true) {
        const auto next = Clock::now() + std::chrono::milliseconds(interval(random));
        if (next >= end) break;
        std::this_thread::sleep_until(next);
        kill_and_check();
        endpoint.up(server.start());
    }
    std::this_thread::sleep_until(end);
    // The run ends with one more SIGKILL while the clients are busy; the checker then reads the
    // database file as that kill left it.
    kill_and_check();
    endpoint.finish();
    for (auto& t : clients) t.join();

    const double run_seconds = seconds_since(run_began);
    const auto check_began = Clock::now();
    auto findings = check(dir, acknowledged);
    long unexpected = 0;
    for (const auto& client : acknowledged) {
        for (const auto& u : client.unexpected) {
            ++unexpected;
            findings.note("unexpected answer: " + u);
        }
    }
    std::string audit_output;
    const int audit = run_command({options.binary, "audit", "verify", "--db", "sqlite:" + dir + "/huixing.db"}, audit_output);
    long applications = 0, submitted = 0, evidence = 0;
    for (const auto& client : acknowledged) {
        applications += static_cast<long>(client.applications.size());
        for (const auto& a : client.applications) submitted += a.submitted ? 1 : 0;
        evidence += static_cast<long>(client.evidence.size());
    }
    std::cout << "set-up " << setup_seconds << " s, run " << run_seconds << " s, check "
              << seconds_since(check_began) << " s\n";
    std::cout << "kills: " << kills << ", integrity_check after each: ";
    for (const auto& v : integrity) std::cout << v << " ";
    std::cout << "\nrequests: " << counters.requests << ", acknowledged writes: " << counters.acknowledged
              << " (applications " << applications << ", submitted " << submitted << ", evidence files " << evidence
              << "), connection failures: " << counters.connection_failures << ", 5xx: " << counters.server_errors
              << ", replayed answers: " << counters.replays << "\n"
              << "missing acknowledged: " << findings.missing << ", bad files: " << findings.bad_files
              << ", duplicates: " << findings.duplicates << ", unexpected answers: " << unexpected
              << ", audit verify: " << (audit == 0 ? "ok" : "FAILED") << "\n";
    for (const auto& d : findings.details) std::cout << "  " << d << "\n";
    if (audit != 0) std::cout << audit_output;

    const bool losses = findings.missing > 0 || findings.bad_files > 0;
    bool passed = false;
    if (options.expect_losses) {
        passed = losses;
        std::cout << (passed ? "negative control: the checker reported the lost acknowledged writes, as it must\n"
                             : "NEGATIVE CONTROL FAILED: acknowledged-before-commit writes were not reported lost\n");
    } else {
        passed = !losses && findings.duplicates == 0 && unexpected == 0 && integrity_ok && audit == 0 &&
                 submitted > 0 && kills > 1;
        std::cout << (passed ? "crash durability: passed\n" : "CRASH DURABILITY FAILED\n");
    }
    if (passed && std::getenv("HX_KEEP_TEST_DIRS") == nullptr) {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
    return passed ? 0 : 1;
}
