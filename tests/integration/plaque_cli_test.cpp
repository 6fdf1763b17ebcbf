// `huixing verify-plaque`: a downloaded plaque checked offline with the published key, and each
// reason a check fails said in Chinese with its exit code (0 valid, 1 invalid, 2 unchecked).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/certifications/seal.hpp"
#include "harness.hpp"
#include "render/plaque.hpp"

namespace hx::testing {
namespace {

using certifications::SealKey;
using render::PlaqueFormat;

struct PlaqueFiles {
    std::string dir = make_temp_dir();
    SealKey key = SealKey::generate().value();
    SealKey other = SealKey::generate().value();

    std::string write(const std::string& name, const std::string& bytes) const {
        const auto path = dir + "/" + name;
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }

    [[nodiscard]] render::PlaqueContent content() const {
        render::PlaqueContent c;
        c.serial = "BJZHSQ-2026-3-000123";
        c.star = 3;
        c.year = 2026;
        c.title = "北京市三星级智慧社区";
        c.community_name = "北京市东城区东华门街道多福巷社区";
        c.district_name = "东城区";
        c.street_name = "东华门街道";
        c.issuers = {"北京市社会建设工作办公室", "北京市经济和信息化局", "北京市民政局"};
        c.issued_on = "2026-12-10";
        c.verify_url = "http://127.0.0.1:8080/public/verify/" + c.serial;
        c.key_id = key.key_id();
        c.payload = "huixing-plaque/1\nserial: " + c.serial + "\ncommunity: " + c.community_name +
                    "\nstar: 3\nyear: 2026\nissued_on: 2026-12-10\nkey_id: " + c.key_id + "\n";
        c.signature = key.sign(c.payload).value();
        return c;
    }

    [[nodiscard]] std::string plaque(PlaqueFormat format) const {
        return write(std::string("plaque.") + render::plaque_extension(format),
                     render::render_plaque(content(), format).value());
    }

    [[nodiscard]] std::string keys_json(const std::vector<const SealKey*>& keys) const {
        nlohmann::json list = nlohmann::json::array();
        for (const auto* k : keys) {
            list.push_back({{"key_id", k->key_id()},
                            {"algorithm", "SM2-SM3"},
                            {"public_key_pem", k->public_pem()}});
        }
        return write("keys.json", nlohmann::json{{"keys", list}}.dump());
    }
};

CommandResult verify(const std::vector<std::string>& args) {
    std::vector<std::string> command = {huixing_binary(), "verify-plaque"};
    command.insert(command.end(), args.begin(), args.end());
    return run_command(command);
}

TEST(VerifyPlaque, GenuinePlaquesPassInEveryFormat) {
    const PlaqueFiles files;
    const auto key = files.write("key.pem", files.key.public_pem());
    for (const auto format : {PlaqueFormat::kSvg, PlaqueFormat::kPng, PlaqueFormat::kPdf}) {
        const auto result = verify({files.plaque(format), "--key", key});
        EXPECT_EQ(result.exit_code, 0) << result.output;
        EXPECT_NE(result.output.find("验证通过"), std::string::npos) << result.output;
        EXPECT_NE(result.output.find("serial: BJZHSQ-2026-3-000123"), std::string::npos)
            << result.output;
        EXPECT_NE(result.output.find(files.key.key_id()), std::string::npos) << result.output;
    }
    // The published list works as well; the plaque's key id picks the key.
    const auto list = files.keys_json({&files.other, &files.key});
    const auto result = verify({files.plaque(PlaqueFormat::kPng), "--keys-json", list});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("验证通过"), std::string::npos) << result.output;
}

TEST(VerifyPlaque, WithoutAKeyItShowsTheSealAndAsksForTheKey) {
    const PlaqueFiles files;
    const auto result = verify({files.plaque(PlaqueFormat::kPdf)});
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("无法验证"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("--key"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("community: 北京市东城区东华门街道多福巷社区"), std::string::npos)
        << result.output;
}

TEST(VerifyPlaque, TamperedPlaqueFailsAndSaysWhy) {
    const PlaqueFiles files;
    const auto key = files.write("key.pem", files.key.public_pem());
    auto pdf = render::render_plaque(files.content(), PlaqueFormat::kPdf).value();
    const auto at = pdf.find("star: 3");
    ASSERT_NE(at, std::string::npos);
    pdf.replace(at, 7, "star: 5");
    const auto result = verify({files.write("forged.pdf", pdf), "--key", key});
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("验证失败"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("签名与内容不符"), std::string::npos) << result.output;
}

TEST(VerifyPlaque, WrongOrUnknownKeyFails) {
    const PlaqueFiles files;
    const auto plaque = files.plaque(PlaqueFormat::kSvg);
    const auto wrong =
        verify({plaque, "--key", files.write("other.pem", files.other.public_pem())});
    EXPECT_EQ(wrong.exit_code, 1) << wrong.output;
    EXPECT_NE(wrong.output.find("两者不符"), std::string::npos) << wrong.output;

    const auto unknown = verify({plaque, "--keys-json", files.keys_json({&files.other})});
    EXPECT_EQ(unknown.exit_code, 1) << unknown.output;
    EXPECT_NE(unknown.output.find("公钥列表中没有这把密钥"), std::string::npos) << unknown.output;
}

TEST(VerifyPlaque, FilesWithoutASealFail) {
    const PlaqueFiles files;
    const auto key = files.write("key.pem", files.key.public_pem());
    const auto text = verify({files.write("note.txt", "not a plaque"), "--key", key});
    EXPECT_EQ(text.exit_code, 1) << text.output;
    EXPECT_NE(text.output.find("无法识别的文件格式"), std::string::npos) << text.output;

    const auto svg = verify(
        {files.write("plain.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), "--key", key});
    EXPECT_EQ(svg.exit_code, 1) << svg.output;
    EXPECT_NE(svg.output.find("没有电子印章"), std::string::npos) << svg.output;
}

TEST(VerifyPlaque, BadInputsCannotBeChecked) {
    const PlaqueFiles files;
    const auto plaque = files.plaque(PlaqueFormat::kPng);
    const auto missing = verify({files.dir + "/absent.png", "--key", files.dir + "/absent.pem"});
    EXPECT_EQ(missing.exit_code, 2) << missing.output;
    EXPECT_NE(missing.output.find("无法读取奖牌文件"), std::string::npos) << missing.output;

    const auto bad_key =
        verify({plaque, "--key", files.write("bad.pem", "-----BEGIN PUBLIC KEY-----\nAAAA\n")});
    EXPECT_EQ(bad_key.exit_code, 2) << bad_key.output;
    EXPECT_NE(bad_key.output.find("公钥文件"), std::string::npos) << bad_key.output;

    const auto bad_list =
        verify({plaque, "--keys-json", files.write("list.json", "{\"keys\": 3}")});
    EXPECT_EQ(bad_list.exit_code, 2) << bad_list.output;
    EXPECT_NE(bad_list.output.find("格式不对"), std::string::npos) << bad_list.output;

    const auto both = verify({plaque, "--key", "a.pem", "--keys-json", "b.json"});
    EXPECT_NE(both.exit_code, 0) << both.output;
}

TEST(VerifyPlaque, HasHelp) {
    const auto result = verify({"--help"});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("Usage"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("--keys-json"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace hx::testing
