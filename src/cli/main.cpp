// huixing: the command line of 慧星, the system of Beijing's star certification of smart
// communities. See `huixing --help`.
#include <malloc.h>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
    // Blocks of 2 MiB and more come from mmap and go back to the system when freed. glibc
    // otherwise raises this threshold past every such block freed, and from then on keeps them
    // in the arena of the thread that freed them: after plaques rendered on 8 workers at once
    // (a 3.7 MiB PNG surface, cairo's copies of font tables for a PDF) that was 30 MiB of
    // freed memory held for good (docs/performance.md § S4.2).
    mallopt(M_MMAP_THRESHOLD, 2 << 20);
    // Logs are JSON lines on stderr; the message is the JSON object itself.
    auto logger = spdlog::stderr_logger_mt("huixing");
    logger->set_pattern("%v");
    spdlog::set_default_logger(logger);

    CLI::App app{"慧星 · 北京市星级智慧社区认定系统", "huixing"};
    app.set_version_flag("--version", HX_VERSION_STRING);
    app.require_subcommand(1);
    hx::cli::add_commands(app);
    CLI11_PARSE(app, argc, argv);
    return hx::cli::exit_code();
}
