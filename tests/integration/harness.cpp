#include "harness.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace hx::testing {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;

nlohmann::json HttpResult::json() const {
    auto value = nlohmann::json::parse(body, nullptr, false);
    return value;
}

std::string HttpResult::header(const std::string& lower_name) const {
    const auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

std::string huixing_binary() { return HX_BINARY; }

std::string make_temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "hx-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    static std::vector<std::string> made;
    static const bool registered = [] {
        std::atexit([] {
            if (std::getenv("HX_KEEP_TEST_DIRS") != nullptr) return;
            for (const auto& dir : made) {
                std::error_code ec;
                std::filesystem::remove_all(dir, ec);
            }
        });
        return true;
    }();
    (void)registered;
    made.push_back(pattern);
    return pattern;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream out;
    out << in.rdbuf();
    return out.str();
}

CommandResult run_command(const std::vector<std::string>& args) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(pipe_fds[1], 1);
        dup2(pipe_fds[1], 2);
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(pipe_fds[1]);
    CommandResult result;
    std::array<char, 4096> buffer{};
    ssize_t n = 0;
    while ((n = read(pipe_fds[0], buffer.data(), buffer.size())) > 0) {
        result.output.append(buffer.data(), static_cast<std::size_t>(n));
    }
    close(pipe_fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    return result;
}

bool on_postgres() {
    const char* backend = std::getenv("HUIXING_TEST_BACKEND");
    return backend != nullptr && std::string(backend) == "postgresql";
}

namespace {

std::string postgres_base_url() {
    const char* url = std::getenv("HUIXING_TEST_PG_URL");
    if (url == nullptr || *url == '\0') {
        throw std::runtime_error(
            "HUIXING_TEST_PG_URL 未设置：PostgreSQL 集成测试需要 ./test 启动的集群");
    }
    return url;
}

void postgres_exec(const std::string& url, const std::string& sql) {
    PGconn* connection = PQconnectdb(url.c_str());
    if (PQstatus(connection) != CONNECTION_OK) {
        const std::string message = PQerrorMessage(connection);
        PQfinish(connection);
        throw std::runtime_error("cannot connect to " + url + ": " + message);
    }
    PGresult* result = PQexec(connection, sql.c_str());
    const bool good = PQresultStatus(result) == PGRES_COMMAND_OK ||
                      PQresultStatus(result) == PGRES_TUPLES_OK;
    const std::string message = PQresultErrorMessage(result);
    PQclear(result);
    PQfinish(connection);
    if (!good) throw std::runtime_error("SQL failed: " + message + " [" + sql + "]");
}

}  // namespace

bool postgres_available() {
    const char* url = std::getenv("HUIXING_TEST_PG_URL");
    return url != nullptr && *url != '\0';
}

std::string fresh_postgres_url() {
    const std::string base = postgres_base_url();
    std::random_device random;
    const std::string schema = "it_" + std::to_string(random()) + std::to_string(random());
    postgres_exec(base, "CREATE SCHEMA " + schema);
    return base + (base.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + schema + "%2Cpublic";
}

void TestServer::exec_sql(const std::string& sqlite_sql, const std::string& postgres_sql) const {
    if (on_postgres()) {
        postgres_exec(db_url_, postgres_sql);
        return;
    }
    sqlite3* db = nullptr;
    if (sqlite3_open((dir_ + "/huixing.db").c_str(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + dir_ + "/huixing.db");
    }
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sqlite_sql.c_str(), nullptr, nullptr, &message);
    const std::string text = message != nullptr ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    if (rc != SQLITE_OK) throw std::runtime_error("SQL failed: " + text + " [" + sqlite_sql + "]");
}

TestServer& TestServer::shared() {
    static TestServer server(true);
    return server;
}

TestServer::TestServer(bool test_clock, DemoData demo)
    : dir_(make_temp_dir()),
      db_url_(on_postgres() ? fresh_postgres_url() : "sqlite:" + dir_ + "/huixing.db"),
      files_dir_(on_postgres() ? dir_ + "/files" : dir_ + "/huixing.db.files"),
      secrets_dir_(dir_ + "/secrets"),
      test_clock_(test_clock) {
    std::vector<std::string> init_args = {huixing_binary(), "init",         "--db",
                                          db_url(),         "--demo",       "--logins-file",
                                          dir_ + "/logins.txt"};
    init_args.insert(init_args.end(), {"--files", files_dir_});
    init_args.insert(init_args.end(), {"--secrets", secrets_dir_});
    if (demo == DemoData::kAccountsOnly) init_args.emplace_back("--no-history");
    const auto init = run_command(init_args);
    if (init.exit_code != 0) throw std::runtime_error("huixing init failed: " + init.output);
    init_output_ = init.output;
    std::ifstream logins(dir_ + "/logins.txt");
    std::string line;
    while (std::getline(logins, line)) {
        std::istringstream fields(line);
        std::string username, password;
        if (fields >> username >> password && line.rfind("  ", 0) == 0) {
            passwords_[username] = password;
        }
    }
    start();
}

TestServer::TestServer(const TestServer& other, std::string db_url, bool test_clock)
    : dir_(make_temp_dir()),
      db_url_(std::move(db_url)),
      files_dir_(other.files_dir_),
      secrets_dir_(other.secrets_dir_),
      test_clock_(test_clock),
      serve_options_(other.serve_options_),
      passwords_(other.passwords_) {
    start();
}

TestServer::TestServer(const TestServer& other, unsigned short port, ClientOnly)
    : dir_(other.dir_),
      db_url_(other.db_url_),
      files_dir_(other.files_dir_),
      secrets_dir_(other.secrets_dir_),
      test_clock_(other.test_clock_),
      port_(port),
      passwords_(other.passwords_) {}

std::unique_ptr<TestServer> TestServer::client_at(const TestServer& other, unsigned short port) {
    return std::unique_ptr<TestServer>(new TestServer(other, port, ClientOnly{}));
}

void TestServer::restart_with(const std::vector<std::string>& serve_options) {
    stop();
    serve_options_.insert(serve_options_.end(), serve_options.begin(), serve_options.end());
    start();
}

std::unique_ptr<TestServer> TestServer::beside(const TestServer& other) {
    return std::unique_ptr<TestServer>(new TestServer(other, other.db_url_, other.test_clock_));
}

std::unique_ptr<TestServer> TestServer::moved(const TestServer& other, const std::string& db_url) {
    return std::unique_ptr<TestServer>(new TestServer(other, db_url, other.test_clock_));
}

TestServer::~TestServer() {
    if (pid_ > 0) stop();
}

void TestServer::start() {
    const auto port_file = dir_ + "/port";
    std::filesystem::remove(port_file);
    pid_ = fork();
    if (pid_ == 0) {
        const int log = open((dir_ + "/server.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        dup2(log, 1);
        dup2(log, 2);
        std::vector<std::string> args = {huixing_binary(), "serve",        "--db",
                                         db_url(),         "--listen",     "127.0.0.1:0",
                                         "--port-file",    port_file,      "--workers",
                                         "4"};
        if (test_clock_) args.emplace_back("--test-clock");
        args.insert(args.end(), {"--files", files_dir_, "--secrets", secrets_dir_});
        args.insert(args.end(), serve_options_.begin(), serve_options_.end());
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    // The port file appears once the socket listens; the loop is bounded (10 s).
    for (int i = 0; i < 1000; ++i) {
        std::ifstream in(port_file);
        unsigned port = 0;
        if (in >> port && port > 0) {
            port_ = static_cast<unsigned short>(port);
            return;
        }
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("server exited at start: " + log());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    throw std::runtime_error("server did not start: " + log());
}

int TestServer::stop(int signal_number) {
    if (pid_ <= 0) return -1;
    kill(pid_, signal_number);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    tokens_.clear();
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

std::string TestServer::log() const { return read_file(dir_ + "/server.log"); }

std::string TestServer::password(const std::string& username) const {
    const auto it = passwords_.find(username);
    if (it == passwords_.end()) throw std::runtime_error("no demo password for " + username);
    return it->second;
}

std::string TestServer::token(const std::string& username) {
    if (const auto it = tokens_.find(username); it != tokens_.end()) return it->second;
    const nlohmann::json body = {{"username", username}, {"password", password(username)}};
    const auto response = request("POST", "/api/v1/session", body.dump());
    if (response.status != 200) {
        throw std::runtime_error("sign-in of " + username + " failed: " + response.body);
    }
    const auto token = response.json().at("token").get<std::string>();
    tokens_[username] = token;
    return token;
}

HttpResult TestServer::request(const std::string& method, const std::string& target,
                               const std::string& body,
                               const std::map<std::string, std::string>& headers) const {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
    bhttp::request<bhttp::string_body> req(bhttp::string_to_verb(method), target, 11);
    req.set(bhttp::field::host, "127.0.0.1");
    if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    for (const auto& [name, value] : headers) req.set(name, value);
    bhttp::write(stream, req);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (method == "HEAD") parser.skip(true);
    bhttp::read(stream, buffer, parser);
    const auto& res = parser.get();
    HttpResult result;
    result.status = res.result_int();
    for (const auto& field : res) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (result.headers.count(name) > 0) result.headers[name] += ", ";
        result.headers[name] += std::string(field.value());
    }
    result.body = res.body();
    beast::error_code ec;
    stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
    return result;
}

HttpResult TestServer::as(const std::string& username, const std::string& method,
                          const std::string& target, const std::string& body) {
    return request(method, target, body, {{"Authorization", "Bearer " + token(username)}});
}

}  // namespace hx::testing
