// The operations files we ship (deploy/, docs/operations.md) are accepted by the tools that read
// them: the nginx site passes `nginx -t` with a throw-away certificate, and the systemd unit
// passes `systemd-analyze verify` (or, where systemd-analyze is missing, a check of its keys).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "harness.hpp"

namespace hx::testing {
namespace {

const std::string kDeploy = std::string(HX_SOURCE_DIR) + "/deploy";

void write_text(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::trunc) << text;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
        text.replace(pos, from.size(), to);
    }
    return text;
}

TEST(Deploy, ShippedNginxSitePassesNginxTest) {
    if (on_postgres()) GTEST_SKIP() << "no database involved: run once, in the SQLite pass";
    ASSERT_TRUE(std::filesystem::exists("/usr/sbin/nginx"))
        << "nginx 未安装：部署配置的检查需要它，./test 通过 scripts/deps.sh 安装 nginx";
    const auto dir = make_temp_dir();
    // A throw-away certificate where the site expects the real one.
    const auto cert = run_command({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                   "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", dir + "/key.pem",
                                   "-out", dir + "/cert.pem", "-days", "2", "-subj", "/CN=localhost"});
    ASSERT_EQ(cert.exit_code, 0) << cert.output;
    std::filesystem::create_directories(dir + "/snippets");
    std::filesystem::copy_file(kDeploy + "/nginx/huixing-proxy.conf", dir + "/snippets/huixing-proxy.conf");
    auto site = read_file(kDeploy + "/nginx/huixing.conf");
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"/etc/ssl/huixing/fullchain.pem", dir + "/cert.pem"},
             {"/etc/ssl/huixing/privkey.pem", dir + "/key.pem"},
             {"/var/cache/nginx/huixing", dir + "/cache"},
             {"/var/log/nginx/", dir + "/"}}) {
        ASSERT_NE(site.find(from), std::string::npos) << "the shipped site no longer names " << from;
        site = replace_all(site, from, to);
    }
    write_text(dir + "/huixing.conf", site);
    // Debian's /etc/nginx/nginx.conf in short: the site is included inside http { }.
    write_text(dir + "/nginx.conf", "pid " + dir + "/nginx.pid;\nerror_log " + dir +
                                        "/error.log;\nevents {}\nhttp {\n    include huixing.conf;\n}\n");
    const auto tested = run_command({"/usr/sbin/nginx", "-t", "-p", dir, "-c", dir + "/nginx.conf", "-e",
                                     dir + "/error.log"});
    EXPECT_EQ(tested.exit_code, 0) << tested.output;
    EXPECT_NE(tested.output.find("test is successful"), std::string::npos) << tested.output;
    // What production relies on is really there.
    for (const char* directive : {"proxy_next_upstream error timeout http_502 http_503", "keepalive",
                                  "Strict-Transport-Security", "gzip on", "ssl_protocols TLSv1.2 TLSv1.3",
                                  "proxy_cache huixing_static"}) {
        EXPECT_NE((site + read_file(kDeploy + "/nginx/huixing-proxy.conf")).find(directive), std::string::npos)
            << directive;
    }
}

/// The keys of a unit file by section, for the check without systemd-analyze.
std::map<std::string, std::set<std::string>> unit_keys(const std::string& text) {
    std::map<std::string, std::set<std::string>> keys;
    std::istringstream lines(text);
    std::string line;
    std::string section;
    const std::regex header(R"(^\[([A-Za-z]+)\]$)");
    const std::regex assignment(R"(^([A-Za-z]+)=.*$)");
    std::smatch match;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#') continue;
        if (std::regex_match(line, match, header)) {
            section = match[1];
        } else if (std::regex_match(line, match, assignment) && !section.empty()) {
            keys[section].insert(match[1]);
        } else {
            ADD_FAILURE() << "not a unit file line: " << line;
        }
    }
    return keys;
}

TEST(Deploy, ShippedSystemdUnitIsValidAndHardened) {
    if (on_postgres()) GTEST_SKIP() << "no database involved: run once, in the SQLite pass";
    const auto unit = read_file(kDeploy + "/systemd/huixing@.service");
    const auto keys = unit_keys(unit);
    for (const char* key : {"User", "ExecStart", "Restart", "LimitNOFILE", "NoNewPrivileges", "ProtectSystem",
                            "ReadWritePaths", "PrivateTmp", "CapabilityBoundingSet", "KillSignal"}) {
        EXPECT_EQ(keys.at("Service").count(key), 1U) << key;
    }
    EXPECT_NE(unit.find("ProtectSystem=strict"), std::string::npos);
    EXPECT_NE(unit.find("Restart=on-failure"), std::string::npos);
    EXPECT_EQ(keys.at("Install").count("WantedBy"), 1U);
    const std::string analyze = "/usr/bin/systemd-analyze";
    if (!std::filesystem::exists(analyze)) return;  // the key check above is all there is
    // An instance of the template, running the binary under test (verify wants it executable).
    const auto dir = make_temp_dir();
    const auto instance = dir + "/huixing@8081.service";
    write_text(instance, replace_all(unit, "/usr/bin/huixing", huixing_binary()));
    const auto verified = run_command({analyze, "verify", instance});
    EXPECT_EQ(verified.exit_code, 0) << verified.output;
    // systemd-analyze only warns about unknown keys and bad values: any word about our unit fails.
    EXPECT_EQ(verified.output.find("huixing@8081.service"), std::string::npos) << verified.output;
}

}  // namespace
}  // namespace hx::testing
