#include "storage/postgres/dump.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "storage/postgres/connection.hpp"
#include "storage/postgres/postgres_store.hpp"

namespace hx::storage::postgres {

namespace {

std::string tool(const std::string& name) {
    const char* bin = std::getenv("HUIXING_PG_BIN");
    if (bin != nullptr && *bin != '\0') return std::string(bin) + "/" + name;
    return name;
}

/// Runs a tool with arguments (no shell); its output is returned for the error message.
Status run_tool(const std::vector<std::string>& args, const std::string& what) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) return fail(Error::internal("pipe failed for " + args.front()));
    const pid_t pid = fork();
    if (pid < 0) return fail(Error::internal("fork failed for " + args.front()));
    if (pid == 0) {
        close(pipe_fds[0]);
        dup2(pipe_fds[1], 1);
        dup2(pipe_fds[1], 2);
        std::vector<char*> argv;
        for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
        argv.push_back(nullptr);
        execvp(argv[0], argv.data());
        _exit(127);
    }
    close(pipe_fds[1]);
    std::string output;
    char buffer[4096];
    ssize_t got = 0;
    while ((got = read(pipe_fds[0], buffer, sizeof buffer)) > 0) {
        if (output.size() < 16384) output.append(buffer, static_cast<std::size_t>(got));
    }
    close(pipe_fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return ok();
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        return fail(Error::conflict("tool_missing", "找不到 " + args.front() +
                                                        "：请安装 postgresql-client-15 或设置 HUIXING_PG_BIN"));
    }
    return fail(Error::internal(what + " failed: " + output));
}

bool plain_identifier(const std::string& name) {
    if (name.empty() || name.size() > 63 || (name[0] >= '0' && name[0] <= '9')) return false;
    for (const char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    return true;
}

Result<std::string> current_schema(PostgresStore& store) {
    std::string schema;
    RETURN_IF_ERROR(store.transact([&](Connection& connection) -> Status {
        ASSIGN_OR_RETURN(auto query, connection.prepare("SELECT current_schema()"));
        ASSIGN_OR_RETURN(const bool row, query.step());
        if (row) schema = query.column_text(0);
        return ok();
    }));
    if (!plain_identifier(schema)) {
        return fail(Error::conflict("unsupported_schema",
                                    "数据库模式名 '" + schema + "' 不是小写字母、数字与下划线组成的名字"));
    }
    return schema;
}

}  // namespace

Status dump_to(PostgresStore& store, const std::string& path) {
    namespace fs = std::filesystem;
    if (path.empty()) return fail(Error::invalid("invalid_backup_path", "备份文件路径为空"));
    std::error_code error;
    if (fs::exists(path, error)) {
        return fail(Error::invalid("backup_exists", "备份文件 '" + path + "' 已存在，不会覆盖它"));
    }
    ASSIGN_OR_RETURN(const std::string schema, current_schema(store));
    const std::string partial = path + ".partial";
    fs::remove(partial, error);
    Status result = run_tool({tool("pg_dump"), "--format=custom", "--no-owner", "--schema=" + schema,
                              "--file=" + partial, "--dbname=" + store.url()},
                             "pg_dump");
    if (result) result = run_tool({tool("pg_restore"), "--list", partial}, "pg_restore --list");
    if (result) {
        // The dump holds password hashes and personal data: for its owner only.
        fs::permissions(partial, fs::perms::owner_read | fs::perms::owner_write, error);
        fs::rename(partial, path, error);
        if (error) {
            result = fail(Error::internal("backup: cannot rename '" + partial + "' to '" + path +
                                          "': " + error.message()));
        }
    }
    if (!result) fs::remove(partial, error);
    return result;
}

Status restore_from(const std::string& url, const std::string& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        return fail(Error::invalid("backup_missing", "备份文件 '" + path + "' 不存在"));
    }
    {
        ASSIGN_OR_RETURN(auto store, PostgresStore::open(url, 1));
        bool exists = false;
        RETURN_IF_ERROR(store->transact([&](Connection& connection) -> Status {
            ASSIGN_OR_RETURN(auto query, connection.prepare(
                                             "SELECT 1 FROM pg_class WHERE relname = 'schema_migrations' "
                                             "AND relnamespace = current_schema()::regnamespace"));
            ASSIGN_OR_RETURN(exists, query.step());
            return ok();
        }));
        if (exists) {
            return fail(Error::conflict("schema_exists",
                                        "目标数据库已有慧星的数据：恢复只能进入丢失或新建的数据库（先停服务，"
                                        "删除或改名原模式后再恢复）"));
        }
    }
    return run_tool({tool("pg_restore"), "--no-owner", "--single-transaction", "--exit-on-error",
                     "--dbname=" + url, path},
                    "pg_restore");
}

}  // namespace hx::storage::postgres
