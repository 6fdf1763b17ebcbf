#include "cli/verify_plaque.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>

#include "domain/certifications/seal.hpp"
#include "render/plaque.hpp"

namespace hx::cli {

namespace {

// A plaque is a few hundred kilobytes; a key list a few kilobytes.
constexpr std::uintmax_t kMaxPlaqueBytes = 64U * 1024U * 1024U;
constexpr std::uintmax_t kMaxKeyFileBytes = 1024U * 1024U;

Result<std::string> read_file(const std::string& path, std::uintmax_t limit,
                              std::string_view what) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) {
        return fail(
            Error::invalid("file_not_found", "无法读取" + std::string(what) + " '" + path + "'"));
    }
    if (size > limit) {
        return fail(Error::invalid("file_too_large", std::string(what) + " '" + path + "' 过大（" +
                                                         std::to_string(size) + " 字节）"));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(
            Error::invalid("file_not_found", "无法打开" + std::string(what) + " '" + path + "'"));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const char* format_name(std::string_view bytes) {
    if (bytes.rfind("\x89PNG", 0) == 0) return "PNG";
    if (bytes.rfind("%PDF-", 0) == 0) return "PDF";
    return "SVG";
}

void print_payload(std::ostream& out, std::string_view payload) {
    out << "  签署内容：\n";
    std::istringstream lines{std::string(payload)};
    for (std::string line; std::getline(lines, line);) out << "    " << line << "\n";
}

/// The public key PEM the plaque's key id names, from the user's --key or --keys-json file.
/// nullopt with a message printed: the plaque cannot be checked (2) or names an unknown key (1).
struct KeyChoice {
    std::optional<std::string> pem;
    int exit_code = kPlaqueValid;
};

KeyChoice key_from_pem_file(const std::string& path, const std::string& key_id, std::ostream& out) {
    auto pem = read_file(path, kMaxKeyFileBytes, "公钥文件");
    if (!pem) {
        out << "无法验证：" << pem.error().message() << "\n";
        return {std::nullopt, kPlaqueUnchecked};
    }
    auto given = certifications::seal_key_id(*pem);
    if (!given) {
        out << "无法验证：公钥文件 '" << path << "' 有误：" << given.error().message() << "\n";
        return {std::nullopt, kPlaqueUnchecked};
    }
    if (*given != key_id) {
        out << "验证失败：奖牌由密钥 " << key_id << " 签署，而所给公钥是密钥 " << *given
            << "，两者不符（奖牌不是用这把密钥签发的，或公钥文件拿错了）。\n";
        return {std::nullopt, kPlaqueInvalid};
    }
    return {std::move(*pem), kPlaqueValid};
}

KeyChoice key_from_keys_json(const std::string& path, const std::string& key_id,
                             std::ostream& out) {
    auto text = read_file(path, kMaxKeyFileBytes, "公钥列表文件");
    if (!text) {
        out << "无法验证：" << text.error().message() << "\n";
        return {std::nullopt, kPlaqueUnchecked};
    }
    const auto json = nlohmann::json::parse(*text, nullptr, false);
    const auto shape_error = [&] {
        out << "无法验证：公钥列表文件 '" << path
            << "' 的格式不对，应为 GET /api/v1/public/keys 的返回："
               "{\"keys\":[{\"key_id\":…,\"algorithm\":\"SM2-SM3\",\"public_key_pem\":…}]}\n";
        return KeyChoice{std::nullopt, kPlaqueUnchecked};
    };
    if (json.is_discarded() || !json.is_object() || !json.contains("keys") ||
        !json["keys"].is_array()) {
        return shape_error();
    }
    for (const auto& entry : json["keys"]) {
        if (!entry.is_object() || !entry.contains("key_id") || !entry["key_id"].is_string() ||
            !entry.contains("public_key_pem") || !entry["public_key_pem"].is_string()) {
            return shape_error();
        }
        if (entry["key_id"].get<std::string>() != key_id) continue;
        if (entry.contains("algorithm") &&
            entry["algorithm"] != std::string(certifications::kSealAlgorithm)) {
            out << "无法验证：公钥列表中密钥 " << key_id << " 的算法是 "
                << entry["algorithm"].dump() << "，不是 " << certifications::kSealAlgorithm << "\n";
            return {std::nullopt, kPlaqueUnchecked};
        }
        auto pem = entry["public_key_pem"].get<std::string>();
        // The list's label must be the key's own id: otherwise the list itself is not to be
        // trusted.
        auto actual = certifications::seal_key_id(pem);
        if (!actual) {
            out << "无法验证：公钥列表中密钥 " << key_id << " 的公钥有误："
                << actual.error().message() << "\n";
            return {std::nullopt, kPlaqueUnchecked};
        }
        if (*actual != key_id) {
            out << "无法验证：公钥列表有误：标为 " << key_id << " 的公钥实际是密钥 " << *actual
                << "\n";
            return {std::nullopt, kPlaqueUnchecked};
        }
        return {std::move(pem), kPlaqueValid};
    }
    out << "验证失败：奖牌由密钥 " << key_id
        << " 签署，公钥列表中没有这把密钥（奖牌可能不是本系统签发的，或公钥列表不是最新的）。\n";
    return {std::nullopt, kPlaqueInvalid};
}

}  // namespace

int run_verify_plaque(const VerifyPlaqueOptions& options, std::ostream& out) {
    auto bytes = read_file(options.file, kMaxPlaqueBytes, "奖牌文件");
    if (!bytes) {
        out << "无法验证：" << bytes.error().message() << "\n";
        return kPlaqueUnchecked;
    }
    auto seal = render::extract_plaque_seal(*bytes);
    if (!seal) {
        out << "验证失败：" << seal.error().message() << "\n";
        return kPlaqueInvalid;
    }
    const char* format = format_name(*bytes);

    if (options.key_file.empty() && options.keys_json_file.empty()) {
        out << "奖牌（" << format << "）中的电子印章：\n"
            << "  密钥：" << seal->key_id << "\n"
            << "  签名：" << seal->signature << "\n";
        print_payload(out, seal->payload);
        out << "无法验证：需要发证机关的公钥。请用 --key 指定公钥 PEM 文件，或用 --keys-json 指定 "
               "GET /api/v1/public/keys 返回的 JSON 文件。\n";
        return kPlaqueUnchecked;
    }

    const auto key = options.key_file.empty()
                         ? key_from_keys_json(options.keys_json_file, seal->key_id, out)
                         : key_from_pem_file(options.key_file, seal->key_id, out);
    if (!key.pem) return key.exit_code;

    const auto verified = certifications::verify_seal(*key.pem, seal->payload, seal->signature);
    if (!verified) {
        out << "验证失败：" << verified.error().message() << "\n";
        return verified.error().reason() == "key_invalid" ? kPlaqueUnchecked : kPlaqueInvalid;
    }
    out << "验证通过：奖牌（" << format << "）的电子印章有效，内容未被改动。\n"
        << "  签章算法：SM2 签名 / SM3 杂凑（用户标识 " << certifications::kSm2DefaultId << "）\n"
        << "  密钥：" << seal->key_id << "\n";
    print_payload(out, seal->payload);
    out << "提示：离线验证只说明奖牌由发证机关签发且未被改动；证书现在是否仍然有效（整改中、已撤销"
           "、"
           "已被更高星级取代），请扫描奖牌上的二维码，在验证页面查询。\n";
    return kPlaqueValid;
}

void add_verify_plaque_command(CLI::App& root, void (*finish)(int)) {
    static VerifyPlaqueOptions options;
    auto* command =
        root.add_subcommand("verify-plaque",
                            "离线验证电子奖牌（SVG、PNG 或 PDF）的 SM2 电子印章；退出码 0 通过，1 "
                            "未通过，2 无法验证（缺公钥等）");
    command->add_option("FILE", options.file, "奖牌文件")->required();
    auto* key = command->add_option(
        "--key", options.key_file,
        "发证机关的公钥 PEM 文件（GET /api/v1/public/keys 中的 public_key_pem）");
    auto* keys =
        command->add_option("--keys-json", options.keys_json_file,
                            "GET /api/v1/public/keys 返回的 JSON 文件，按奖牌中的密钥编号选用公钥");
    key->excludes(keys);
    command->callback([finish] { finish(run_verify_plaque(options, std::cout)); });
}

}  // namespace hx::cli
