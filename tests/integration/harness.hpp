#pragma once
/// The real server for integration tests: `huixing init --demo` into a temporary directory,
/// then `huixing serve` on 127.0.0.1:0 (the kernel picks the port; it is read from a file).
#include <sys/types.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hx::testing {

struct HttpResult {
    unsigned status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;

    [[nodiscard]] nlohmann::json json() const;
    [[nodiscard]] std::string header(const std::string& lower_name) const;
};

/// Runs a command, returns its exit code and what it printed (stdout and stderr together).
struct CommandResult {
    int exit_code = -1;
    std::string output;
};
CommandResult run_command(const std::vector<std::string>& args);

/// The `huixing` binary under test.
std::string huixing_binary();

/// A fresh temporary directory, removed at exit.
std::string make_temp_dir();

/// The whole content of a file (empty if it cannot be read).
std::string read_file(const std::string& path);

/// What `init --demo` puts into the test's database: the demo accounts on a clean slate (what
/// the golden cases assume), or also the whole certification history (docs/demo.md).
enum class DemoData { kAccountsOnly, kWithHistory };

/// The engine the servers of this run use: PostgreSQL when HUIXING_TEST_BACKEND=postgresql
/// (ctest registers the whole suite a second time so, under the `pg.` prefix), else SQLite.
/// A PostgreSQL server gets a fresh schema of the cluster at HUIXING_TEST_PG_URL.
bool on_postgres();

/// Whether a PostgreSQL test cluster was given (HUIXING_TEST_PG_URL).
bool postgres_available();
/// A fresh schema on the test cluster, as a URL that puts it first on the search path.
std::string fresh_postgres_url();

class TestServer {
public:
    /// Initialises a demo database in a new directory and starts the server on it.
    static TestServer& shared();
    /// A server of its own (for tests that kill it or change global state).
    explicit TestServer(bool test_clock = true, DemoData demo = DemoData::kAccountsOnly);
    /// A second instance on the database and files of `other` (scale-out): nothing is
    /// initialised, it only serves, from a directory of its own (log, port file).
    static std::unique_ptr<TestServer> beside(const TestServer& other);
    /// An instance of `other`'s deployment after it moved to `db_url` (huixing migrate-db).
    static std::unique_ptr<TestServer> moved(const TestServer& other, const std::string& db_url);
    /// No process of its own: a client of `other`'s deployment reached at `port` (nginx in front
    /// of its instances), with its demo passwords and a token cache of its own.
    static std::unique_ptr<TestServer> client_at(const TestServer& other, unsigned short port);
    /// Stops the server and starts it again with these options added to `serve` (instances
    /// made beside it later get them too).
    void restart_with(const std::vector<std::string>& serve_options);
    ~TestServer();
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    void start();
    /// SIGTERM and wait; returns the exit status.
    int stop(int signal_number = 15);

    [[nodiscard]] unsigned short port() const { return port_; }
    [[nodiscard]] const std::string& dir() const { return dir_; }
    [[nodiscard]] const std::string& db_url() const { return db_url_; }
    /// Where the server keeps uploaded files (`--files` on PostgreSQL, beside the SQLite file).
    [[nodiscard]] const std::string& files_dir() const { return files_dir_; }
    [[nodiscard]] const std::string& secrets_dir() const { return secrets_dir_; }
    /// Runs SQL on the server's database outside the server, as someone with write access to
    /// it would (the engine's own SQL: the test gives one text per engine).
    void exec_sql(const std::string& sqlite_sql, const std::string& postgres_sql) const;
    [[nodiscard]] std::string log() const;
    /// What `huixing init` printed.
    [[nodiscard]] const std::string& init_output() const { return init_output_; }

    /// The demo password of a user (from the logins file `init --demo` wrote).
    [[nodiscard]] std::string password(const std::string& username) const;
    /// A bearer token for a demo user (signed in once, cached).
    std::string token(const std::string& username);
    /// Forgets a cached token (after the test clock jumped past its idle timeout).
    void forget_token(const std::string& username) { tokens_.erase(username); }

    HttpResult request(const std::string& method, const std::string& target,
                       const std::string& body = {},
                       const std::map<std::string, std::string>& headers = {}) const;
    /// The same as `username` (bearer token).
    HttpResult as(const std::string& username, const std::string& method,
                  const std::string& target, const std::string& body = {});

private:
    TestServer(const TestServer& other, std::string db_url, bool test_clock);
    struct ClientOnly {};
    TestServer(const TestServer& other, unsigned short port, ClientOnly);

    std::string dir_;
    std::string db_url_;
    std::string files_dir_;
    std::string secrets_dir_;  // the plaque seal and phone keys (--secrets), shared by instances
    bool test_clock_ = true;
    std::vector<std::string> serve_options_;
    std::string init_output_;
    pid_t pid_ = -1;
    unsigned short port_ = 0;
    std::map<std::string, std::string> passwords_;
    std::map<std::string, std::string> tokens_;
};

}  // namespace hx::testing
