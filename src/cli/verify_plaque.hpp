#pragma once
/// `huixing verify-plaque FILE`: checks a downloaded plaque (SVG, PNG or PDF) offline against
/// the city's published public key (docs/plaques.md). No database, no network.
#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>

namespace hx::cli {

/// 0: the seal is valid; 1: the plaque is not (no seal, unknown key, tampered); 2: it could not
/// be checked (file unreadable, no key given, a bad key file).
inline constexpr int kPlaqueValid = 0;
inline constexpr int kPlaqueInvalid = 1;
inline constexpr int kPlaqueUnchecked = 2;

struct VerifyPlaqueOptions {
    std::string file;
    std::string key_file;        // a public key PEM (one entry of /api/v1/public/keys)
    std::string keys_json_file;  // the JSON of GET /api/v1/public/keys
};

/// Verifies and reports in Chinese on `out`; returns the exit code above.
int run_verify_plaque(const VerifyPlaqueOptions& options, std::ostream& out);

/// Registers the subcommand; `finish` receives its exit code (as every subcommand's does).
void add_verify_plaque_command(CLI::App& root, void (*finish)(int));

}  // namespace hx::cli
