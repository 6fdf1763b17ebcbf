// Several `huixing serve` processes on one database behind nginx (issue 8, 4): nginx round-robins
// over two instances with the proxy settings production ships (deploy/nginx/huixing-proxy.conf);
// one application lives its whole life across both; what one instance stores (sessions, the
// test clock, lockouts, throttles, evidence files) the other sees; one instance killed with
// SIGKILL under load loses no acknowledged write while the survivor keeps answering. Runs on
// SQLite (two processes on one WAL file) and, under the pg. prefix, on PostgreSQL.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "golden.hpp"
#include "harness.hpp"
#include "multipart.hpp"

namespace hx::testing {
namespace {

const std::string kNginx = "/usr/sbin/nginx";

/// A port nobody listens on right now (the kernel's choice); nginx cannot listen on port 0 and
/// tell us, so the port is chosen here and a lost race is retried.
unsigned short free_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        close(fd);
        throw std::runtime_error("cannot pick a free port");
    }
    close(fd);
    return ntohs(address.sin_port);
}

bool accepts_connections(unsigned short port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    const bool connected = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    close(fd);
    return connected;
}

/// Debian's nginx on loopback in front of the given instances, round robin, with a config of
/// its own in a temporary directory that includes the shipped proxy settings. Every answer
/// carries `X-Upstream` (test only): the instance (or instances, after a retry) that served it.
class Nginx {
public:
    explicit Nginx(const std::vector<unsigned short>& instances) : dir_(make_temp_dir()) {
        if (!std::filesystem::exists(kNginx)) {
            throw std::runtime_error("nginx 未安装（" + kNginx +
                                     "）：扩容测试需要它，./test 通过 scripts/deps.sh 安装 nginx");
        }
        // nginx's workers drop to an unprivileged user when started as root; they must reach
        // the temporary files below this directory.
        std::filesystem::permissions(dir_, std::filesystem::perms::owner_all |
                                               std::filesystem::perms::group_exec |
                                               std::filesystem::perms::others_exec);
        for (int attempt = 0; attempt < 5; ++attempt) {
            port_ = free_port();
            write_config(instances);
            if (start()) return;
        }
        throw std::runtime_error("nginx did not start: " + read_file(dir_ + "/error.log"));
    }
    ~Nginx() {
        if (pid_ <= 0) return;
        kill(pid_, SIGQUIT);  // graceful: finish the requests in flight
        int status = 0;
        waitpid(pid_, &status, 0);
    }
    Nginx(const Nginx&) = delete;
    Nginx& operator=(const Nginx&) = delete;

    [[nodiscard]] unsigned short port() const { return port_; }
    [[nodiscard]] std::string error_log() const { return read_file(dir_ + "/error.log"); }

private:
    void write_config(const std::vector<unsigned short>& instances) const {
        std::ofstream conf(dir_ + "/nginx.conf", std::ios::trunc);
        conf << "worker_processes 1;\n"
             << "pid " << dir_ << "/nginx.pid;\n"
             << "error_log " << dir_ << "/error.log info;\n"
             << "events { worker_connections 512; }\n"
             << "http {\n"
             << "  log_format upstreams '$request $status $upstream_addr $upstream_status';\n"
             << "  access_log " << dir_ << "/access.log upstreams;\n";
        for (const char* kind : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
            conf << "  " << kind << "_temp_path " << dir_ << "/" << kind << "_temp;\n";
        }
        conf << "  upstream huixing {\n";
        for (const auto port : instances) {
            conf << "    server 127.0.0.1:" << port << " max_fails=1 fail_timeout=30s;\n";
        }
        conf << "    keepalive 8;\n"
             << "  }\n"
             << "  server {\n"
             << "    listen 127.0.0.1:" << port_ << ";\n"
             << "    add_header X-Upstream $upstream_addr always;\n"
             << "    location / {\n"
             << "      include " << HX_SOURCE_DIR << "/deploy/nginx/huixing-proxy.conf;\n"
             << "    }\n"
             << "  }\n"
             << "}\n";
    }

    bool start() {
        pid_ = fork();
        if (pid_ == 0) {
            const int log = open((dir_ + "/stderr.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
            dup2(log, 1);
            dup2(log, 2);
            execl(kNginx.c_str(), kNginx.c_str(), "-p", dir_.c_str(), "-c", (dir_ + "/nginx.conf").c_str(),
                  "-e", (dir_ + "/error.log").c_str(), "-g", "daemon off;", static_cast<char*>(nullptr));
            _exit(127);
        }
        // Listening within 10 s, or it exited (a port taken meanwhile: the caller tries another).
        for (int i = 0; i < 1000; ++i) {
            if (accepts_connections(port_)) return true;
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return false;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
        return false;
    }

    std::string dir_;
    unsigned short port_ = 0;
    pid_t pid_ = -1;
};

std::string user_body(const std::string& username) {
    return nlohmann::json{{"username", username}, {"password", "Kx7-Pq9.Lm3!Rt"},
                          {"name", "扩容测试"}, {"role", "community"},
                          {"org_code", "110101001001"}}
        .dump();
}

std::string sign_in_body(const std::string& username, const std::string& password) {
    return nlohmann::json{{"username", username}, {"password", password}}.dump();
}

std::string multipart_pdf(const std::string& boundary, const std::string& pdf) {
    return multipart_body(boundary, {{"indicator", "1"}, {"file", pdf, "平台运行记录.pdf", "application/pdf"}});
}

// What one instance stores, the other sees at once: the test clock, sessions, an account's
// lockout, the per-address sign-in throttle and the phone-code limit (each set on one instance,
// observed on the other, no proxy in between).
TEST(ScaleOut, StateSetOnOneInstanceIsSeenOnTheOther) {
    TestServer first(true);
    auto second = TestServer::beside(first);

    // The test clock: moved on one instance, the other's clock is moved too.
    const auto moved = first.as("admin", "PUT", "/api/v1/system/clock",
                                R"({"now": "2031-03-01T08:00:00+08:00"})");
    ASSERT_EQ(moved.status, 200U) << moved.body;
    const auto seen = second->request("GET", "/api/v1/system/clock").json();
    EXPECT_EQ(seen.value("now", "").substr(0, 16), "2031-03-01T08:00") << seen.dump();
    EXPECT_EQ(seen.value("test_clock", false), true);
    const auto back = second->as("admin", "PUT", "/api/v1/system/clock",
                                 R"({"now": "2026-10-01T10:00:00+08:00"})");
    ASSERT_EQ(back.status, 200U) << back.body;
    EXPECT_EQ(first.request("GET", "/api/v1/system/clock").json().value("now", "").substr(0, 16),
              "2026-10-01T10:00");

    // A session made on one instance and ended on the other is ended everywhere.
    const auto signed_in = first.request("POST", "/api/v1/session",
                                         sign_in_body("dc_social", first.password("dc_social")));
    ASSERT_EQ(signed_in.status, 200U) << signed_in.body;
    const std::map<std::string, std::string> session = {
        {"Authorization", "Bearer " + signed_in.json().at("token").get<std::string>()}};
    EXPECT_EQ(second->request("GET", "/api/v1/me", "", session).status, 200U);
    EXPECT_EQ(second->request("DELETE", "/api/v1/session", "", session).status / 100, 2U);
    EXPECT_EQ(first.request("GET", "/api/v1/me", "", session).status, 401U);

    // Five wrong passwords, alternating between the instances, lock the account on both.
    for (int i = 0; i < 5; ++i) {
        const TestServer& target = i % 2 == 0 ? first : *second;
        EXPECT_EQ(target.request("POST", "/api/v1/session", sign_in_body("dc_street", "wrong-password-1")).status,
                  401U);
    }
    const auto locked = second->request("POST", "/api/v1/session",
                                        sign_in_body("dc_street", first.password("dc_street")));
    EXPECT_EQ(locked.status, 423U) << locked.body;
    EXPECT_EQ(first.request("POST", "/api/v1/session", sign_in_body("dc_street", first.password("dc_street")))
                  .status,
              423U);

    // Twenty failures from one address, counted across both instances, throttle the address.
    for (int i = 0; i < 15; ++i) {
        const TestServer& target = i % 2 == 0 ? *second : first;
        EXPECT_EQ(target.request("POST", "/api/v1/session", sign_in_body("nobody." + std::to_string(i), "x-wrong-1"))
                      .status,
                  401U);
    }
    EXPECT_EQ(second->request("POST", "/api/v1/session", sign_in_body("dc_it", first.password("dc_it"))).status,
              429U);
    EXPECT_EQ(first.request("POST", "/api/v1/session", sign_in_body("dc_it", first.password("dc_it"))).status,
              429U);

    // One phone code a minute per number, whichever instance is asked.
    EXPECT_EQ(first.request("POST", "/api/v1/public/phone-codes", R"({"phone": "13600136000"})").status, 202U);
    EXPECT_EQ(second->request("POST", "/api/v1/public/phone-codes", R"({"phone": "13600136000"})").status, 429U);
}

// The notice case (0030: round, self-assessment, submit, street, three district reviews,
// recommendation, evaluator, decision, notice, comments, spot check, finalize, plaques,
// verification, sanctions) through nginx, so consecutive requests land on different instances;
// an evidence upload and two more city departments' receipts are hooked into its steps.
TEST(ScaleOut, OneApplicationsWholeLifeRunsAcrossTwoInstancesBehindNginx) {
    TestServer first(true);
    // Golden cases read public pages right after writes that another instance acknowledged:
    // the per-process micro-cache (one second, docs/operations.md) is off for this deployment.
    first.restart_with({"--micro-cache-ms", "0"});
    auto second = TestServer::beside(first);
    Nginx nginx({first.port(), second->port()});
    auto client = TestServer::client_at(first, nginx.port());

    std::map<std::string, int> served;  // upstream address → answers
    std::string previous_upstream;
    int alternations = 0;
    int answers = 0;
    bool uploaded = false;
    bool received = false;
    const auto hook = [&](const std::string& method, const std::string& target, const HttpResult& response,
                          std::map<std::string, std::string>& vars) {
        const auto upstream = response.header("x-upstream");
        ++served[upstream];
        ++answers;
        if (!previous_upstream.empty() && upstream != previous_upstream) ++alternations;
        previous_upstream = upstream;
        // While the draft is open: evidence uploaded through one instance, downloaded through
        // the other (the shared --files directory).
        if (!uploaded && method == "PUT" && target.find("/assessment") != std::string::npos &&
            response.status == 200) {
            uploaded = true;
            const std::string boundary = "hxScaleOutBoundary";
            const std::string pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
            const auto upload = client->request(
                "POST", "/api/v1/applications/" + vars.at("app") + "/evidence", multipart_pdf(boundary, pdf),
                {{"Authorization", "Bearer " + client->token("dc_community")},
                 {"Content-Type", "multipart/form-data; boundary=" + boundary}});
            ASSERT_EQ(upload.status, 201U) << upload.body;
            const auto url = upload.json().at("url").get<std::string>();
            HttpResult download;
            for (int i = 0; i < 2; ++i) {  // round robin: at most one more to reach the other
                download = client->as("dc_community", "GET", url);
                if (download.header("x-upstream") != upload.header("x-upstream")) break;
            }
            EXPECT_NE(download.header("x-upstream"), upload.header("x-upstream"));
            EXPECT_EQ(download.status, 200U);
            EXPECT_EQ(download.body, pdf);
        }
        // 第十四条2 一式三份: after 市社会办's receipt (a step of the case), the two other city
        // departments confirm receipt of 东城区's package, through whichever instance.
        if (!received && method == "POST" && target.find("/receipt") != std::string::npos &&
            response.status == 200) {
            received = true;
            for (const auto* department : {"city_econ_it", "city_civil"}) {
                const auto receipt = client->as(department, "POST", target);
                EXPECT_EQ(receipt.status, 200U) << department << ": " << receipt.body;
            }
            const auto packages = client->as("city_civil", "GET", "/api/v1/rounds/" + vars.at("round") +
                                                                      "/recommendations");
            ASSERT_EQ(packages.status, 200U) << packages.body;
            const auto items = packages.json().at("items");
            ASSERT_EQ(items.size(), 1U) << packages.body;
            EXPECT_EQ(items.at(0).at("receipts").size(), 3U) << packages.body;
            EXPECT_EQ(items.at(0).value("complete", false), true) << packages.body;
        }
    };
    run_case_file(*client, std::string(HX_SOURCE_DIR) + "/tests/integration/cases/0030_notice_to_revocation.case",
                  hook);

    EXPECT_TRUE(uploaded);
    EXPECT_TRUE(received);
    // Both instances served the application: round robin alternates on nearly every request.
    ASSERT_EQ(served.size(), 2U) << "answers came from: " << served.begin()->first;
    for (const auto& [upstream, count] : served) {
        EXPECT_GE(count, answers / 3) << upstream << " served " << count << " of " << answers;
    }
    EXPECT_GE(alternations, answers / 2) << nginx.error_log();
    // The audit chain that two processes wrote still verifies.
    second->stop();
    first.stop();
    const auto verify = run_command({huixing_binary(), "audit", "verify", "--db", first.db_url()});
    EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

// Writers go through nginx; one instance is killed with SIGKILL in the middle. Every request
// after the kill is still answered: nginx moves whatever had not reached the dead instance to
// the survivor, and a write cut off inside it comes back as 502, which the client retries with
// its Idempotency-Key. No acknowledged write is lost, none is applied twice.
TEST(ScaleOut, AnInstanceKilledUnderLoadBehindNginxLosesNoAcknowledgedWrite) {
    TestServer first(false);
    auto second = TestServer::beside(first);
    Nginx nginx({first.port(), second->port()});
    auto client = TestServer::client_at(first, nginx.port());
    const std::map<std::string, std::string> bearer = {
        {"Authorization", "Bearer " + client->token("admin")}};

    // A session made through one instance is good on the other; so is a write.
    EXPECT_EQ(second->request("GET", "/api/v1/me", "", bearer).status, 200U);
    ASSERT_EQ(client->request("POST", "/api/v1/users", user_body("scale.warmup"), bearer).status, 201U);
    EXPECT_EQ(first.request("GET", "/api/v1/users?q=scale.warmup", "", bearer).json().value("total", -1), 1);

    constexpr int kThreads = 4;
    constexpr int kRequestsEach = 12;
    constexpr std::size_t kKillAfter = 10;  // acknowledged writes before the second is killed
    constexpr int kAttempts = 5;            // a write is retried with its key this many times
    std::mutex mutex;
    std::condition_variable progressed;
    std::vector<std::string> acknowledged;
    std::atomic<int> unanswered_after_kill{0};
    std::atomic<int> retried{0};
    std::atomic<int> given_up{0};
    std::atomic<int> reads_failed_after_kill{0};
    std::atomic<bool> killed{false};

    std::vector<std::thread> writers;
    for (int t = 0; t < kThreads; ++t) {
        writers.emplace_back([&, t] {
            for (int i = 0; i < kRequestsEach; ++i) {
                // Two digits: a search for one name (a substring match) finds no other.
                const std::string username =
                    "scale.t" + std::to_string(t) + "." + (i < 10 ? "0" : "") + std::to_string(i);
                auto headers = bearer;
                headers["Idempotency-Key"] = "scale-out-" + username;
                bool ok = false;
                for (int attempt = 0; attempt < kAttempts && !ok; ++attempt) {
                    const bool after_kill = killed.load();
                    try {
                        const auto r = client->request("POST", "/api/v1/users", user_body(username), headers);
                        ok = r.status == 201U;
                        if (!ok && r.status != 502U && r.status != 503U) break;  // a real refusal
                    } catch (const std::exception&) {
                        if (after_kill) ++unanswered_after_kill;  // nginx itself must answer
                    }
                    if (!ok) ++retried;
                }
                if (!ok) ++given_up;
                // A read after the kill lands on either upstream and is answered all the same.
                if (killed.load() &&
                    client->request("GET", "/api/v1/users?q=" + username, "", bearer).status != 200U) {
                    ++reads_failed_after_kill;
                }
                if (ok) {
                    const std::lock_guard<std::mutex> lock(mutex);
                    acknowledged.push_back(username);
                }
                progressed.notify_all();
            }
        });
    }
    {
        std::unique_lock<std::mutex> lock(mutex);
        progressed.wait(lock, [&] { return acknowledged.size() >= kKillAfter; });
    }
    EXPECT_EQ(second->stop(9), -9);  // SIGKILL, in the middle of the load
    killed = true;
    for (auto& writer : writers) writer.join();

    EXPECT_EQ(unanswered_after_kill.load(), 0) << nginx.error_log();
    EXPECT_EQ(reads_failed_after_kill.load(), 0) << nginx.error_log();
    EXPECT_EQ(given_up.load(), 0) << "retries: " << retried.load() << "\n" << nginx.error_log();
    EXPECT_EQ(acknowledged.size(), static_cast<std::size_t>(kThreads * kRequestsEach));
    // Every acknowledged write is there exactly once, read through nginx from the survivor.
    for (const auto& username : acknowledged) {
        const auto found = client->request("GET", "/api/v1/users?q=" + username, "", bearer);
        EXPECT_EQ(found.json().value("total", -1), 1) << username << " was acknowledged but lost";
    }
    first.stop();
    const auto verify = run_command({huixing_binary(), "audit", "verify", "--db", first.db_url()});
    EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

TEST(MoveDeployment, MigrateDbCopiesEveryTableAndTheMovedServerCarriesOn) {
    if (on_postgres()) GTEST_SKIP() << "the source is SQLite: run once, in the SQLite pass";
    if (!postgres_available()) GTEST_SKIP() << "HUIXING_TEST_PG_URL 未设置";
    TestServer original(false);
    original.token("dc_social");  // sessions and audit records to carry over
    original.stop();
    const std::string target = fresh_postgres_url();
    const auto copied = run_command({huixing_binary(), "migrate-db", "--from", original.db_url(),
                                     "--to", target});
    ASSERT_EQ(copied.exit_code, 0) << copied.output;
    EXPECT_NE(copied.output.find("regions：源 7901 行，目标 7901 行"), std::string::npos)
        << copied.output;
    EXPECT_NE(copied.output.find("行数逐表一致"), std::string::npos) << copied.output;
    // A second run refuses: the target is no longer empty.
    const auto again = run_command({huixing_binary(), "migrate-db", "--from", original.db_url(),
                                    "--to", target});
    EXPECT_NE(again.exit_code, 0);
    EXPECT_NE(again.output.find("只能迁往新建的空库"), std::string::npos) << again.output;
    // The audit chain verifies on the new engine; the demo accounts sign in with their
    // passwords and new rows get keys past the copied ones.
    const auto verify = run_command({huixing_binary(), "audit", "verify", "--db", target});
    EXPECT_EQ(verify.exit_code, 0) << verify.output;
    auto moved = TestServer::moved(original, target);
    const std::map<std::string, std::string> bearer = {
        {"Authorization", "Bearer " + moved->token("admin")}};
    EXPECT_EQ(moved->request("POST", "/api/v1/users", user_body("moved.user"), bearer).status, 201U);
    EXPECT_EQ(moved->as("dc_social", "GET", "/api/v1/me").status, 200U);
}

}  // namespace
}  // namespace hx::testing
