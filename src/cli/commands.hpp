#pragma once
/// The `huixing` subcommands. Each returns the process exit code.
#include <CLI/CLI.hpp>

namespace hx::cli {

/// Adds every subcommand to the application.
void add_commands(CLI::App& app);
/// The exit code the subcommand that ran asked for.
int exit_code();

}  // namespace hx::cli
