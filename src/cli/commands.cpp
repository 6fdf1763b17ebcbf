#include "cli/commands.hpp"

#include <boost/asio/ip/address.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli/app.hpp"
#include "cli/default_paths.hpp"
#include "cli/demo.hpp"
#include "cli/demo_history.hpp"
#include "cli/mail_job.hpp"
#include "cli/documents.hpp"
#include "cli/gzip_input.hpp"
#include "cli/plaques.hpp"
#include "cli/reminder_job.hpp"
#include "cli/verify_plaque.hpp"
#include "domain/identity/password.hpp"
#include "domain/identity/totp.hpp"
#include "domain/regions/national.hpp"
#include "http/dto/standards.hpp"
#include "http/dto/standards_xlsx.hpp"
#include "render/standard_xlsx.hpp"
#include "render/table_xlsx.hpp"
#include "http/metrics.hpp"
#include "http/response_cache.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "storage/migrate_db.hpp"

namespace hx::cli {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitError = 1;

int g_exit_code = kExitOk;
/// Subcommand callbacks report their exit code here; main() returns it, so every object's
/// destructor runs (the database closes cleanly).
void finish(int code) { g_exit_code = code; }

/// Shared by every subcommand that touches data.
struct DbOption {
    std::string url = "sqlite:huixing.db";
    std::string files;  // empty: the engine's default (storage::open_deployment_file_store)
    std::string secrets;  // empty: PATH.secrets beside a SQLite file (cli/secrets.hpp)
};

void add_db_option(CLI::App& command, DbOption& db) {
    command.add_option("--db", db.url, "数据库地址：sqlite:PATH 或 postgresql://…")
        ->capture_default_str()
        ->envname("HUIXING_DB");
    command
        .add_option("--files", db.files,
                    "佐证材料目录（多实例时为共享目录）；缺省时 SQLite 用数据库文件旁的 PATH.files，"
                    "PostgreSQL 存入数据库")
        ->envname("HUIXING_FILES");
    command
        .add_option("--secrets", db.secrets,
                    "密钥目录（奖牌签名私钥、手机号加密密钥；多实例共用）；缺省时 SQLite 用数据库文件旁的 "
                    "PATH.secrets，PostgreSQL 必须指定")
        ->envname("HUIXING_SECRETS");
}

unsigned cores() { return std::max(1U, std::thread::hardware_concurrency()); }

/// Opens and migrates; prints the problem and returns null on failure.
std::unique_ptr<App> open_app(const DbOption& db, bool test_clock = false, int pool = 2) {
    auto app = App::open(db.url, pool, test_clock, db.files, db.secrets);
    if (!app) {
        print_error(app.error());
        return nullptr;
    }
    auto applied = storage::migrate_store((*app)->store());
    if (!applied) {
        print_error(applied.error());
        return nullptr;
    }
    return std::move(*app);
}

/// A division file, gzip or plain, streamed: Beijing's format or (national) China's.
Result<std::vector<regions::Region>> read_divisions(const std::string& path, bool national = false) {
    ASSIGN_OR_RETURN(auto input, GzipInput::open(path));
    auto nodes = national ? regions::parse_national_csv(input->stream())
                          : regions::parse_divisions_csv(input->stream());
    RETURN_IF_ERROR(input->finished());  // a damaged file is reported as such, not by its rows
    return nodes;
}

Result<standards::Standard> read_standard_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(Error::invalid("file_not_found", "无法打开文件 '" + path + "'"));
    std::ostringstream text;
    text << in.rdbuf();
    // An XLSX workbook is a zip file: "PK" first, whatever the file is called.
    if (text.str().rfind("PK", 0) == 0) return dto::parse_standard_xlsx(text.str());
    return dto::parse_standard_text(text.str());
}

/// The standards the project ships (data/standards/*.json, 第七条), imported at init.
Status load_shipped_standards(App& app, const std::string& data_dir) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(data_dir + "/standards")) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        ASSIGN_OR_RETURN(auto standard, read_standard_file(file.string()));
        ASSIGN_OR_RETURN(auto imported, app.standards().import_locally(standard));
        std::cout << "已载入标准 " << imported.stored.standard.id << "（" << imported.stored.standard.name
                  << "，" << standard.count_by_kind().total << " 项指标）";
        if (standard.has_example_provenance()) std::cout << "——含示例指标文本，正式认定前须导入官方文本";
        std::cout << "\n";
    }
    return ok();
}

int run_init(const DbOption& db, const std::string& data_dir, bool demo, bool no_history,
             std::string admin_password, bool no_mfa, const std::string& logins_file) {
    // The demo history moves the settable clock through the years (docs/demo.md).
    const bool history = demo && !no_history;
    auto app = open_app(db, history);
    if (!app) return kExitError;
    std::int64_t existing_users = 0;
    auto counted = app->store().read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto page, repos.users().list({}, {1, 1}));
        existing_users = page.total;
        return ok();
    });
    if (!counted) {
        print_error(counted.error());
        return kExitError;
    }
    if (existing_users > 0) {
        std::cout << "数据库已初始化（已有 " << existing_users << " 个用户），已完成迁移，未做其他改动。\n";
        return kExitOk;
    }

    auto nodes = read_divisions(data_dir + "/beijing-divisions.csv");
    if (!nodes) {
        print_error(nodes.error());
        return kExitError;
    }
    auto summary = app->regions().import(identity::cli_operator(), *nodes);
    if (!summary) {
        print_error(summary.error());
        return kExitError;
    }
    std::cout << "已导入区划：" << summary->districts << " 个区(县)、" << summary->streets
              << " 个街道(乡镇)、" << summary->communities << " 个社区(村)。\n";

    if (auto loaded = load_shipped_standards(*app, data_dir); !loaded) {
        print_error(loaded.error());
        return kExitError;
    }

    const bool mfa = !(no_mfa || demo);
    if (auto set = app->identity().set_mfa_required(identity::cli_operator(), mfa); !set) {
        print_error(set.error());
        return kExitError;
    }
    const bool generated = admin_password.empty();
    if (generated) admin_password = identity::generate_password();
    auto admin = app->identity().create_user_locally(
        {"admin", admin_password, "系统管理员", "sys_admin", "110000", ""}, true);
    if (!admin) {
        print_error(admin.error());
        return kExitError;
    }
    std::cout << "已创建系统管理员 admin";
    if (generated) std::cout << "，密码：" << admin_password << "（仅显示这一次）";
    std::cout << "\n";
    if (mfa) {
        std::cout << "已启用双因素认证。请用身份验证器应用添加 admin 的动态口令：\n  "
                  << identity::totp_uri("admin", admin->totp_secret) << "\n";
    } else {
        std::cout << "注意：双因素认证未启用（" << (demo ? "演示模式" : "--no-mfa")
                  << "），安全管理员可在“安全策略”中开启。\n";
    }

    if (!demo) return kExitOk;
    if (auto pilots = mark_demo_pilots(*app, *nodes); !pilots) {
        print_error(pilots.error());
        return kExitError;
    }
    auto logins = create_demo_users(*app);
    if (!logins) {
        print_error(logins.error());
        return kExitError;
    }
    logins->insert(logins->begin(), {"admin", admin_password, "系统管理员", "北京市"});
    std::ostringstream table;
    table << "演示账户（密码随机生成）：\n";
    for (const auto& login : *logins) {
        table << "  " << login.username << std::string(14 - std::min<std::size_t>(13, login.username.size()), ' ')
              << login.password << "  " << login.role_label << " · " << login.org_name << "\n";
    }
    std::cout << "已标记 512 个首批试点社区（第九条）。\n" << table.str();
    if (history) {
        const auto started = std::chrono::steady_clock::now();
        auto built = build_demo_history(*app, *nodes);
        if (!built) {
            print_error(built.error());
            return kExitError;
        }
        const auto seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::ostringstream years;
        int total = 0;
        for (const auto& [year, stars] : built->certified) {
            int count = 0;
            for (const auto& [star, n] : stars) count += n;
            total += count;
            years << (years.tellp() > 0 ? "，" : "") << year << " 年 " << count << " 个";
        }
        std::cout << "已生成认定历史（演示数据）：" << built->rounds << " 个批次、" << built->applications
                  << " 份申报、" << total << " 个认定称号（" << years.str() << "），"
                  << built->comments << " 条评议、" << built->spot_checks << " 次抽查、"
                  << built->annual_reports << " 份年度报告、" << built->annual_checks
                  << " 次年度抽查、"
                  << built->sanctions << " 项处理；用时 " << std::fixed << std::setprecision(1)
                  << seconds << " 秒。\n"
                  << "另有 " << built->staff_accounts
                  << " 个演示评估专家账户（未显示密码，管理员可重置）；历史中其他区、街道、社区的操作以 demo_ 开头的工作人员名义记录。\n";
    }
    if (!logins_file.empty()) {
        std::ofstream out(logins_file, std::ios::trunc);
        out << table.str();
        out.close();
        std::filesystem::permissions(logins_file, std::filesystem::perms::owner_read |
                                                      std::filesystem::perms::owner_write);
    }
    return kExitOk;
}

/// `serve --behind-tls` (env HUIXING_BEHIND_TLS): responses carry Strict-Transport-Security.
bool serve_behind_tls = false;
/// `serve --trusted-proxy` (env HUIXING_TRUSTED_PROXIES): whose X-Real-IP names the client.
std::vector<std::string> serve_trusted_proxies;

/// How often `serve`'s mail thread looks for retries that fell due (the first retry waits 60 s).
constexpr std::chrono::seconds kMailInterval{30};

int run_serve(const DbOption& db, const std::string& listen, const std::string& public_url, bool test_clock,
              const std::string& web_root, const std::string& port_file, unsigned workers,
              unsigned unsafe_deferred_commit_ms, unsigned micro_cache_ms, unsigned reminder_interval_s,
              const MailOptions& mail_options) {
    auto smtp = smtp_config(mail_options);
    if (!smtp) {
        print_error(smtp.error());
        return kExitError;
    }
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) {
        std::cerr << "错误：--listen 应为 地址:端口，如 127.0.0.1:8080\n";
        return kExitError;
    }
    http::ServerOptions options;
    options.address = listen.substr(0, colon);
    try {
        const auto port = std::stoul(listen.substr(colon + 1));
        if (port > 65535) throw std::out_of_range("port");
        options.port = static_cast<unsigned short>(port);
    } catch (const std::exception&) {
        std::cerr << "错误：端口 '" << listen.substr(colon + 1) << "' 无效\n";
        return kExitError;
    }
    options.io_threads = cores();
    options.worker_threads = workers > 0 ? workers : std::max(4U, cores() * 2);
    options.port_file = port_file;
    options.behind_tls = serve_behind_tls;
    options.trusted_proxies = serve_trusted_proxies;

    // The crash test's negative control shares one connection whose commits lag behind.
    const bool unsafe = unsafe_deferred_commit_ms > 0;
    auto app = open_app(db, test_clock, unsafe ? 1 : static_cast<int>(options.worker_threads));
    if (!app) return kExitError;
    if (unsafe) {
        auto deferred = storage::defer_commits_unsafely(
            app->store(), std::chrono::milliseconds(unsafe_deferred_commit_ms));
        if (!deferred) {
            print_error(deferred.error());
            return kExitError;
        }
        spdlog::warn("{{\"event\":\"unsafe_deferred_commit\",\"window_ms\":{}}}",
                     unsafe_deferred_commit_ms);
    }
    auto web = http::StaticFiles::load(web_root, "/console/");
    if (!web) {
        print_error(web.error());
        return kExitError;
    }
    if (web->empty()) {
        spdlog::warn("{{\"event\":\"console_missing\",\"web_root\":\"{}\"}}", web_root);
    }
    http::Metrics metrics;
    http::ResponseCache cache{std::chrono::milliseconds(micro_cache_ms)};
    const http::Renderers renderers{render::write_standard_xlsx, render_certification_plaque,
                                    render::write_tables_xlsx, render_round_commendation,
                                    render_check_bulletin,         render_application_form,
                                    render_recommendation_list};
    http::Services services{app->clock(),   app->test_clock(), app->store(),        app->identity(),
                            app->regions(), app->audit(),      app->standards(),    app->rounds(),
                            app->applications(), app->notice(), app->certifications(), app->supervision(), app->stats(), *web,
                            renderers,      metrics,           cache,               public_url};
    services.reminders = &app->reminders();
    // E-mail (--smtp): each new reminder is queued with it and sent by a thread of its own,
    // woken after every reminder run (a request that moves the test clock included).
    std::optional<Mailer> mailer;
    std::optional<MailJob> mail_job;
    if (*smtp) {
        mailer.emplace(app->store(), app->clock(), **smtp);
        mail_job.emplace(mailer->service(), kMailInterval);
        app->reminders().enable_mail([&mail_job] { mail_job->wake(); });
        spdlog::info("{{\"event\":\"mail_enabled\",\"smtp\":\"{}:{}\"}}", (*smtp)->host, (*smtp)->port);
    }
    // Reminders (7, 3 and 1 days before each deadline) at start and then periodically.
    std::optional<ReminderJob> reminder_job;
    if (reminder_interval_s > 0) reminder_job.emplace(app->reminders(), std::chrono::seconds(reminder_interval_s));
    options.on_listening = [&](unsigned short port) {
        // Until told otherwise, the public reaches the site where it listens.
        if (services.public_url.empty()) services.public_url = "http://" + options.address + ":" + std::to_string(port);
        spdlog::info("{{\"event\":\"listening\",\"address\":\"{}\",\"port\":{},\"test_clock\":{}}}",
                     options.address, port, test_clock);
    };
    auto status = http::run_server(options, services);
    if (!status) {
        print_error(status.error());
        return kExitError;
    }
    return kExitOk;
}

}  // namespace

int exit_code() { return g_exit_code; }

void add_commands(CLI::App& root) {
    // Options live as long as the parser: CLI11 binds to these addresses.
    static DbOption db;
    static std::string data_dir = default_data_dir();
    static std::string web_root = default_web_root();

    auto* init = root.add_subcommand("init", "创建或迁移数据库，载入北京市区划与认定标准");
    add_db_option(*init, db);
    static bool demo = false;
    static bool no_history = false;
    static bool no_mfa = false;
    static std::string admin_password;
    static std::string logins_file;
    init->add_flag("--demo", demo, "同时创建各角色的演示账户（密码随机生成，仅显示一次）");
    init->add_flag("--no-history", no_history, "演示账户，不生成认定历史");
    init->add_option("--admin-password", admin_password, "系统管理员 admin 的密码（默认随机生成）");
    init->add_flag("--no-mfa", no_mfa, "不要求双因素认证（之后可由安全管理员开启）");
    init->add_option("--data-dir", data_dir, "项目数据目录（区划、标准）")->capture_default_str();
    init->add_option("--logins-file", logins_file, "把演示账户写入此文件（权限 600），供 ./run 再次显示");
    init->callback([] {
        return finish(run_init(db, data_dir, demo, no_history, admin_password, no_mfa, logins_file));
    });

    auto* serve = root.add_subcommand("serve", "启动 HTTP 服务（工作台、公众页面与 API）");
    add_db_option(*serve, db);
    static std::string listen = "127.0.0.1:8080";
    static bool test_clock = false;
    static std::string port_file;
    static unsigned workers = 0;
    static std::string public_url;
    serve->add_option("--public-url", public_url,
                      "公众访问本站的地址，用于奖牌二维码、订阅与嵌入代码（默认为监听地址）");
    serve->add_option("--listen", listen, "监听地址与端口；端口 0 表示由系统分配")->capture_default_str();
    serve->add_flag("--test-clock", test_clock, "允许 sys_admin 通过 PUT /api/v1/system/clock 调整时钟（仅用于测试）");
    serve->add_flag("--behind-tls", serve_behind_tls,
                    "由前置代理终止 TLS（HTTPS）：响应带 Strict-Transport-Security（HSTS）")
        ->envname("HUIXING_BEHIND_TLS");
    serve->add_option("--trusted-proxy", serve_trusted_proxies,
                      "可信的前置代理地址（可多个，逗号分隔）：只采信它们的 X-Real-IP 作为客户端地址，"
                      "用于按地址限流与审计")
        ->delimiter(',')
        ->envname("HUIXING_TRUSTED_PROXIES")
        ->check(CLI::Validator(
            [](std::string& text) -> std::string {
                boost::system::error_code ec;
                boost::asio::ip::make_address(text, ec);
                return ec ? "“" + text + "”不是 IP 地址" : std::string();
            },
            "IP", "ip_address"));
    serve->add_option("--web-root", web_root, "工作台静态文件目录（web/dist）")->capture_default_str();
    serve->add_option("--port-file", port_file, "监听后把实际端口写入此文件");
    serve->add_option("--workers", workers, "工作线程数（默认为核数的两倍，至少 4）");
    static unsigned micro_cache_ms = 1000;
    serve->add_option("--micro-cache-ms", micro_cache_ms,
                      "公开页面的进程内微缓存时长（毫秒）；0 表示不缓存，多实例下别的实例的写入立即可见")
        ->check(CLI::Range(0U, 60000U))
        ->capture_default_str();
    // Hidden (no group): the crash test's negative control, never for real data.
    static unsigned unsafe_deferred_commit_ms = 0;
    serve->add_option("--unsafe-deferred-commit-ms", unsafe_deferred_commit_ms,
                      "仅供测试：写入先应答、最多延迟这么多毫秒才提交（会丢失已应答的数据）")
        ->group("");
    static unsigned reminder_interval_s = 600;
    serve->add_option("--reminder-interval", reminder_interval_s,
                      "每隔多少秒生成一次截止提醒（截止前 7、3、1 天）；0 表示不在服务内生成（改用 huixing reminders run）")
        ->capture_default_str();
    static MailOptions serve_mail;
    add_mail_options(*serve, serve_mail);
    serve->callback([] {
        return finish(run_serve(db, listen, public_url, test_clock, web_root, port_file, workers,
                                unsafe_deferred_commit_ms, micro_cache_ms, reminder_interval_s,
                                serve_mail));
    });

    auto* reminders_cmd = root.add_subcommand("reminders", "截止提醒");
    auto* reminders_run = reminders_cmd->add_subcommand("run", "生成当前到期的提醒（截止前 7、3、1 天；可由 cron 定时运行，重复运行不会重复提醒）");
    add_db_option(*reminders_run, db);
    static MailOptions run_mail;
    add_mail_options(*reminders_run, run_mail);
    reminders_run->callback([] {
        auto smtp = smtp_config(run_mail);
        if (!smtp) {
            print_error(smtp.error());
            return finish(kExitError);
        }
        auto app = open_app(db);
        if (!app) return finish(kExitError);
        std::optional<Mailer> mailer;
        if (*smtp) {
            mailer.emplace(app->store(), app->clock(), **smtp);
            app->reminders().enable_mail({});
        }
        auto made = app->reminders().run();
        if (!made) {
            print_error(made.error());
            return finish(kExitError);
        }
        std::cout << "已生成 " << *made << " 条提醒\n";
        if (!mailer) return finish(kExitOk);
        // Also what earlier runs left unsent and is due now (a retry, or a crash before sending).
        auto sent = mailer->service().deliver_due();
        if (!sent) {
            print_error(sent.error());
            return finish(kExitError);
        }
        std::cout << "已发送 " << sent->sent << " 封提醒邮件";
        if (sent->failed > 0) std::cout << "，" << sent->failed << " 封稍后重试";
        if (sent->given_up > 0) std::cout << "，" << sent->given_up << " 封多次失败后放弃";
        std::cout << "\n";
        for (const auto& f : sent->failures) {
            std::cout << "  提醒 #" << f.notification_id << "（" << f.masked_to << "）：" << f.error << "\n";
        }
        return finish(sent->failed + sent->given_up > 0 ? kExitError : kExitOk);
    });
    reminders_cmd->require_subcommand(1);

    auto* migrate = root.add_subcommand("migrate", "把数据库迁移到当前版本");
    add_db_option(*migrate, db);
    migrate->callback([] {
        auto app = App::open(db.url, 1, false, db.files, db.secrets);
        if (!app) {
            print_error(app.error());
            return finish(kExitError);
        }
        auto applied = storage::migrate_store((*app)->store());
        if (!applied) {
            print_error(applied.error());
            return finish(kExitError);
        }
        std::cout << "已应用 " << *applied << " 个迁移。\n";
        return finish(kExitOk);
    });

    auto* import = root.add_subcommand("import", "导入数据");
    import->require_subcommand(1);
    auto* regions_cmd = import->add_subcommand(
        "regions", "导入区划 CSV（格式同 data/beijing-divisions.csv，可加 pilot 列；可为 .gz）");
    add_db_option(*regions_cmd, db);
    static std::string regions_file;
    static bool regions_national = false;
    regions_cmd->add_option("FILE", regions_file, "CSV 文件")->required();
    regions_cmd->add_flag("--national", regions_national,
                          "全国区划（格式同 china-villages.csv.gz），只能导入到新建的数据库，"
                          "供规模测试使用，见 docs/operations.md");
    regions_cmd->callback([] {
        auto app = open_app(db);
        if (!app) return finish(kExitError);
        auto nodes = read_divisions(regions_file, regions_national);
        if (!nodes) {
            print_error(nodes.error());
            return finish(kExitError);
        }
        auto summary = regions_national
                           ? app->regions().import_national(identity::cli_operator(), std::move(*nodes))
                           : app->regions().import(identity::cli_operator(), *nodes);
        if (!summary) {
            print_error(summary.error());
            return finish(kExitError);
        }
        std::cout << "已导入：";
        if (regions_national) std::cout << summary->provinces << " 个省级单位、";
        std::cout << summary->districts << " 个区(县)、" << summary->streets
                  << " 个街道(乡镇)、" << summary->communities << " 个社区(村)，其中试点 "
                  << summary->pilots << " 个。\n";
        return finish(kExitOk);
    });

    auto* standard_cmd = import->add_subcommand("standard", "导入认定标准（JSON 或 XLSX，格式见 docs/standards.md）；已被认定批次使用的版本不变，导入生成新版本");
    add_db_option(*standard_cmd, db);
    static std::string standard_file;
    standard_cmd->add_option("FILE", standard_file, "标准文件")->required();
    standard_cmd->callback([] {
        auto app = open_app(db);
        if (!app) return finish(kExitError);
        auto standard = read_standard_file(standard_file);
        if (!standard) {
            print_error(standard.error());
            return finish(kExitError);
        }
        auto imported = app->standards().import_locally(*standard);
        if (!imported) {
            print_error(imported.error());
            return finish(kExitError);
        }
        static const std::map<standards::ImportOutcome, const char*> kSaid = {
            {standards::ImportOutcome::kCreated, "已新建"},
            {standards::ImportOutcome::kReplaced, "已更新（该版本尚未被认定批次使用）"},
            {standards::ImportOutcome::kNewRevision, "已生成新版本（原版本已被认定批次使用，保持不变）"},
            {standards::ImportOutcome::kUnchanged, "内容与现行版本相同，未做改动"}};
        std::cout << "标准 " << imported->stored.standard.id << " 第 " << imported->stored.revision
                  << " 版：" << kSaid.at(imported->outcome) << "\n";
        return finish(kExitOk);
    });

    auto* rate = root.add_subcommand("rate", "按星级规则测算可申报星级（第十三条）");
    add_db_option(*rate, db);
    static std::string rate_standard;
    static std::string rate_achieved;
    static int rate_current = 0;
    static bool rate_mechanism = false;
    static bool rate_effective = false;
    static bool rate_json = false;
    rate->add_option("--standard", rate_standard, "标准标识，如 bj-trial、bj-construction")->required();
    rate->add_option("--achieved", rate_achieved, "已实现的指标编号，逗号分隔，如 1,2,17");
    rate->add_option("--current-star", rate_current, "现有星级 0–5")->capture_default_str();
    rate->add_flag("--mechanism", rate_mechanism, "已建立信息服务资源动态更新维护管理长效机制");
    rate->add_flag("--effective", rate_effective, "作用发挥好");
    rate->add_flag("--json", rate_json, "以 JSON 输出（与 POST /api/v1/rating/evaluate 相同）");
    rate->callback([] {
        auto app = open_app(db);
        if (!app) return finish(kExitError);
        auto engine = app->standards().engine(rate_standard, std::nullopt);
        if (!engine) {
            print_error(engine.error());
            return finish(kExitError);
        }
        standards::RatingInput input;
        std::stringstream codes(rate_achieved);
        for (std::string code; std::getline(codes, code, ',');) {
            if (!code.empty()) input.achieved.push_back(code);
        }
        input.claims = {rate_current, rate_mechanism, rate_effective};
        auto result = (*engine)->evaluate(input);
        if (!result) {
            print_error(result.error());
            return finish(kExitError);
        }
        if (rate_json) {
            std::cout << dto::rating_result_json(*result).dump(2) << "\n";
            return finish(kExitOk);
        }
        std::cout << (*engine)->standard().name << "：已实现 " << result->counts.total << " 项指标，计入 "
                  << result->counts.counted << " 项。\n";
        std::cout << "可申报星级：" << (result->eligible_star > 0 ? standards::star_label(result->eligible_star) : "无")
                  << "\n";
        for (const auto& level : result->levels) {
            std::cout << "  " << standards::star_label(level.star) << "  需 " << level.min << " 项："
                      << (level.threshold_met ? "达到" : "未达到");
            for (const auto& c : level.conditions) {
                std::cout << "；" << standards::condition_label(c.condition) << (c.held ? "：是" : "：否");
            }
            if (!level.prerequisite.required.empty()) {
                std::cout << "；现有星级要求" << (level.prerequisite.held ? "：满足" : "：不满足");
            }
            std::cout << (level.eligible ? "  → 可申报" : "") << "\n";
        }
        if (result->next) {
            std::cout << "距离" << standards::star_label(result->next->star) << "：还差 " << result->next->missing
                      << " 项指标";
            for (const auto c : result->next->missing_conditions) {
                std::cout << "，需" << standards::condition_label(c);
            }
            if (!result->next->missing_prerequisite.empty()) std::cout << "，且须已认定为相应星级";
            std::cout << "\n";
        }
        return finish(kExitOk);
    });

    auto* user = root.add_subcommand("user", "管理用户");
    user->require_subcommand(1);
    auto* add = user->add_subcommand("add", "创建用户");
    add_db_option(*add, db);
    static identity::NewUser new_user;
    static bool with_totp = true;
    add->add_option("--username", new_user.username, "用户名")->required();
    add->add_option("--name", new_user.name, "姓名")->required();
    add->add_option("--role", new_user.role, "角色，如 community、street、district_social、city_social、evaluator、sys_admin")->required();
    add->add_option("--org", new_user.org_code, "所属单位的区划代码，如 110101001001")->required();
    add->add_option("--password", new_user.password, "密码（默认随机生成）");
    add->add_option("--email", new_user.email, "电子邮箱（可选；配置 --smtp 后截止提醒也发到这里）");
    add->callback([] {
        auto app = open_app(db);
        if (!app) return finish(kExitError);
        const bool generated = new_user.password.empty();
        if (generated) new_user.password = identity::generate_password();
        auto created = app->identity().create_user_locally(new_user, with_totp);
        if (!created) {
            print_error(created.error());
            return finish(kExitError);
        }
        std::cout << "已创建用户 " << created->user.username << "（" << identity::role_label(created->user.role)
                  << " · " << created->user.org_name << "）\n";
        if (generated) std::cout << "密码：" << new_user.password << "（仅显示这一次）\n";
        std::cout << "动态口令：" << identity::totp_uri(created->user.username, created->totp_secret) << "\n";
        return finish(kExitOk);
    });
    static std::string target_user;
    static std::string new_password;
    auto* disable = user->add_subcommand("disable", "停用用户（并使其所有登录失效）");
    add_db_option(*disable, db);
    disable->add_option("USERNAME", target_user, "用户名")->required();
    disable->callback([] {
        auto app = open_app(db);
        if (!app) return finish(kExitError);
        if (auto status = app->identity().set_disabled_locally(target_user, true); !status) {
            print_error(status.error());
            return finish(kExitError);
        }
        std::cout << "已停用用户 " << target_user << "\n";
        return finish(kExitOk);
    });
    auto* enable = user->add_subcommand("enable", "重新启用用户");
    add_db_option(*enable, db);
    enable->add_option("USERNAME", target_user, "用户名")->required();
    enable->callback([] {
        auto app = open_app(db);
        if (!app) return finish(kExitError);
        if (auto status = app->identity().set_disabled_locally(target_user, false); !status) {
            print_error(status.error());
            return finish(kExitError);
        }
        std::cout << "已启用用户 " << target_user << "\n";
        return finish(kExitOk);
    });
    auto* reset = user->add_subcommand("reset-password", "重置密码（并使其所有登录失效）");
    add_db_option(*reset, db);
    reset->add_option("USERNAME", target_user, "用户名")->required();
    reset->add_option("--password", new_password, "新密码（默认随机生成）");
    reset->callback([] {
        auto app = open_app(db);
        if (!app) return finish(kExitError);
        auto chosen = app->identity().reset_password_locally(target_user, new_password);
        if (!chosen) {
            print_error(chosen.error());
            return finish(kExitError);
        }
        std::cout << "已重置 " << target_user << " 的密码";
        if (new_password.empty()) std::cout << "：" << *chosen << "（仅显示这一次）";
        std::cout << "\n";
        return finish(kExitOk);
    });

    auto* audit_cmd = root.add_subcommand("audit", "审计日志");
    audit_cmd->require_subcommand(1);
    auto* verify = audit_cmd->add_subcommand("verify", "校验审计日志的哈希链，指出第一条被修改、删除或调换的记录");
    add_db_option(*verify, db);
    verify->callback([] {
        auto app = open_app(db);
        if (!app) return finish(kExitError);
        auto result = audit::verify(app->store());
        if (!result) {
            print_error(result.error());
            return finish(kExitError);
        }
        if (result->first_bad_seq) {
            std::cout << "审计日志校验失败：第 " << *result->first_bad_seq << " 条记录："
                      << result->problem << "\n";
            return finish(2);
        }
        std::cout << "审计日志完整：共 " << result->records << " 条记录，哈希链校验通过。\n";
        return finish(kExitOk);
    });

    add_verify_plaque_command(root, finish);

    auto* backup = root.add_subcommand("backup", "在线备份数据库到文件");
    add_db_option(*backup, db);
    static std::string backup_file;
    backup->add_option("FILE", backup_file, "备份文件路径")->required();
    backup->callback([] {
        auto app = open_app(db);
        if (!app) return finish(kExitError);
        if (auto status = storage::backup_store(app->store(), backup_file); !status) {
            print_error(status.error());
            return finish(kExitError);
        }
        std::cout << "已备份到 " << backup_file << "\n";
        return finish(kExitOk);
    });

    auto* spot_check = root.add_subcommand("spot-check", "公示期间的抽查");
    spot_check->require_subcommand(1);
    auto* verify_draw = spot_check->add_subcommand(
        "verify", "按公开的种子与抽取时的名单重新抽取，核对种子与承诺、抽取结果与记录是否一致");
    add_db_option(*verify_draw, db);
    static std::int64_t draw_round = 0;
    verify_draw->add_option("--round", draw_round, "认定批次编号")->required();
    verify_draw->callback([] {
        auto app = open_app(db);
        if (!app) return finish(kExitError);
        auto result = app->notice().verify_draw(draw_round);
        if (!result) {
            print_error(result.error());
            return finish(kExitError);
        }
        std::cout << "种子的 SHA-256 与承诺" << (result->commitment_holds ? "一致" : "不一致") << "。\n";
        std::cout << "重新抽取 " << result->expected.size() << " 个社区：\n";
        for (const auto& e : result->expected) {
            std::cout << "  " << e.district_code << " " << e.community_code << " 抽查人员：";
            for (const auto& name : e.inspectors) std::cout << name << " ";
            std::cout << "\n";
        }
        const bool good = result->commitment_holds && result->same_draw;
        std::cout << (good ? "与记录的抽取结果一致。" : "与记录的抽取结果不一致！") << "\n";
        return finish(good ? kExitOk : 2);
    });

    auto* restore = root.add_subcommand(
        "restore", "从 huixing backup 的备份恢复数据库（只写入丢失或新建的库；期间请停止服务）");
    add_db_option(*restore, db);
    static std::string restore_file;
    restore->add_option("FILE", restore_file, "备份文件路径")->required();
    restore->callback([] {
        if (auto status = storage::restore_store(db.url, restore_file); !status) {
            print_error(status.error());
            return finish(kExitError);
        }
        std::cout << "已从 " << restore_file << " 恢复；请运行 huixing audit verify 核对审计日志\n";
        return finish(kExitOk);
    });

    auto* move = root.add_subcommand(
        "migrate-db", "把 SQLite 部署迁往 PostgreSQL：复制每张表并逐表核对行数（期间请停止服务）");
    static std::string move_from;
    static std::string move_to;
    static bool keep_files_outside = false;
    move->add_option("--from", move_from, "源数据库 sqlite:PATH")->required();
    move->add_option("--to", move_to, "目标数据库 postgresql://…（新建的空库）")->required();
    move->add_flag("--keep-files-outside", keep_files_outside,
                   "不把 PATH.files 中的佐证材料复制进数据库（目标服务将用 --files 共享目录）");
    move->callback([] {
        auto copied = storage::copy_sqlite_to_postgres(move_from, move_to, !keep_files_outside);
        if (!copied) {
            print_error(copied.error());
            return finish(kExitError);
        }
        for (const auto& table : *copied) {
            std::cout << "  " << table.table << "：源 " << table.source_rows << " 行，目标 "
                      << table.target_rows << " 行\n";
        }
        std::cout << "已迁移 " << copied->size() << " 张表，行数逐表一致\n";
        return finish(kExitOk);
    });
}

}  // namespace hx::cli
