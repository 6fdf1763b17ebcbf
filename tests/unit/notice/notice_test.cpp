// The rules of the notice that need no database: the reproducible draw (抽查), phone numbers
// (后台实名: normalised and masked; sealing is in phone_protector_test.cpp), and the plaque's payload and serial.
#include <gtest/gtest.h>

#include <set>

#include "core/sha256.hpp"
#include "domain/certifications/certification.hpp"
#include "domain/notice/notice.hpp"

namespace hx::notice {
namespace {

std::vector<DrawCandidate> candidates() {
    std::vector<DrawCandidate> out;
    std::int64_t id = 1;
    for (const std::string district : {"110101", "110105", "110108"}) {
        for (int i = 1; i <= 6; ++i) {
            out.push_back({id++, district + "001" + std::string(i < 10 ? "00" : "0") + std::to_string(i), district});
        }
    }
    return out;
}

const std::vector<Inspector> kInspectors = {
    {"expert_city", ""}, {"expert_dc", "110101"}, {"expert_cy", "110105"}, {"expert_hd", "110108"}};

TEST(Draw, SameSeedSameListSameResultWhateverTheOrder) {
    DrawRequest request{"a-seed-of-at-least-16-chars", 2, 0, 2};
    auto first = draw(request, candidates(), kInspectors);
    ASSERT_TRUE(first) << first.error().message();
    auto shuffled = candidates();
    std::reverse(shuffled.begin(), shuffled.end());
    auto second = draw(request, shuffled, kInspectors);
    ASSERT_TRUE(second);
    ASSERT_EQ(first->size(), 6U);  // two in each of three districts
    for (std::size_t i = 0; i < first->size(); ++i) {
        EXPECT_EQ((*first)[i].community_code, (*second)[i].community_code);
        EXPECT_EQ((*first)[i].inspectors, (*second)[i].inspectors);
    }
}

TEST(Draw, ADifferentSeedDrawsDifferently) {
    auto a = draw({"first-seed-0123456789", 2, 0, 2}, candidates(), kInspectors);
    auto b = draw({"second-seed-0123456789", 2, 0, 2}, candidates(), kInspectors);
    ASSERT_TRUE(a && b);
    std::set<std::string> codes_a, codes_b;
    for (const auto& c : *a) codes_a.insert(c.community_code);
    for (const auto& c : *b) codes_b.insert(c.community_code);
    EXPECT_NE(codes_a, codes_b);
}

TEST(Draw, FollowsTheDocumentedOrder) {
    // In each district the candidates ordered by SHA-256(seed ":" code) are taken from the front.
    const std::string seed = "documented-order-seed";
    auto drawn = draw({seed, 1, 0, 1}, candidates(), kInspectors);
    ASSERT_TRUE(drawn);
    for (const auto& d : *drawn) {
        std::string best;
        for (const auto& c : candidates()) {
            if (c.district_code != d.district_code) continue;
            const auto h = sha256_hex(seed + ":" + c.community_code);
            if (best.empty() || h < sha256_hex(seed + ":" + best)) best = c.community_code;
        }
        EXPECT_EQ(d.community_code, best);
    }
}

TEST(Draw, InspectorsNeverComeFromTheCommunitysDistrict) {
    auto drawn = draw({"avoidance-seed-0123456789", 6, 0, 3}, candidates(), kInspectors);
    ASSERT_TRUE(drawn);
    for (const auto& d : *drawn) {
        EXPECT_EQ(d.inspectors.size(), 3U);
        for (const auto& name : d.inspectors) {
            const auto it = std::find_if(kInspectors.begin(), kInspectors.end(),
                                         [&](const Inspector& i) { return i.username == name; });
            ASSERT_NE(it, kInspectors.end());
            EXPECT_NE(it->district_code, d.district_code) << name << " inspects " << d.community_code;
        }
    }
}

TEST(Draw, ARateIsRoundedUpPerDistrict) {
    auto drawn = draw({"rate-seed-0123456789ab", 0, 0.2, 1}, candidates(), kInspectors);
    ASSERT_TRUE(drawn);
    EXPECT_EQ(drawn->size(), 6U);  // ceil(0.2 × 6) = 2 in each of three districts
}

TEST(Draw, RefusesBadRequestsAndAnEmptyPool) {
    EXPECT_FALSE(draw({"short", 1, 0, 1}, candidates(), kInspectors));
    EXPECT_FALSE(draw({"long-enough-seed-000", 0, 0, 1}, candidates(), kInspectors));
    EXPECT_FALSE(draw({"long-enough-seed-000", 1, 0.5, 1}, candidates(), kInspectors));
    const auto none = draw({"long-enough-seed-000", 1, 0, 1}, candidates(), {{"local", "110101"}});
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().reason(), "no_inspectors");
}

TEST(Phone, NormalisedAndMasked) {
    EXPECT_EQ(normalize_phone("138 0013-8000"), "13800138000");
    EXPECT_EQ(normalize_phone("8613800138000"), "13800138000");
    EXPECT_FALSE(normalize_phone("12800138000"));
    EXPECT_FALSE(normalize_phone("1380013800"));
    EXPECT_FALSE(normalize_phone("1380013800a"));
    EXPECT_EQ(mask_phone("13800138000"), "138****8000");
}

}  // namespace
}  // namespace hx::notice

namespace hx::certifications {
namespace {

TEST(Serial, FormatAndCheck) {
    EXPECT_EQ(format_serial(2026, 3, 42), "BJZHSQ-2026-3-000042");
    EXPECT_TRUE(valid_serial("BJZHSQ-2026-3-000042"));
    EXPECT_FALSE(valid_serial("BJZHSQ-2026-6-000042"));
    EXPECT_FALSE(valid_serial("BJZHSQ-2026-3-00042"));
    EXPECT_FALSE(valid_serial("bjzhsq-2026-3-000042"));
    EXPECT_FALSE(valid_serial("BJZHSQ-2026-3-000042/../x"));
}

TEST(Payload, CanonicalAndParsedBack) {
    Certification c;
    c.serial = "BJZHSQ-2026-3-000001";
    c.star = 3;
    c.year = 2026;
    c.community_code = "110101001001";
    c.full_name = "北京市东城区东华门街道多福巷社区";
    c.issued_at = from_unix_ms(1'796'000'000'000);
    c.key_id = "0123456789abcdef";
    const auto payload = plaque_payload(c);
    EXPECT_EQ(payload.rfind("HUIXING-PLAQUE/1\nserial=BJZHSQ-2026-3-000001\ntitle=北京市三星级智慧社区\n", 0), 0U);
    auto fields = parse_payload(payload);
    ASSERT_TRUE(fields);
    std::map<std::string, std::string> map(fields->begin(), fields->end());
    EXPECT_EQ(map["community"], c.full_name);
    EXPECT_EQ(map["star"], "3");
    EXPECT_EQ(map["key_id"], c.key_id);
    EXPECT_FALSE(parse_payload("not a payload"));
    EXPECT_FALSE(parse_payload("HUIXING-PLAQUE/1\nserial"));
}

TEST(Status, ActiveAndHeldStar) {
    std::vector<Certification> held(3);
    held[0].star = 2;
    held[0].status = CertificationStatus::kSuperseded;
    held[1].star = 3;
    held[1].status = CertificationStatus::kUnderRectification;
    held[2].star = 4;
    held[2].status = CertificationStatus::kRevoked;
    EXPECT_EQ(held_star(held), 3);
    EXPECT_EQ(title_of(5), "北京市五星级智慧社区");
    for (const auto s : {CertificationStatus::kValid, CertificationStatus::kUnderRectification,
                         CertificationStatus::kRevoked, CertificationStatus::kSuperseded}) {
        EXPECT_EQ(parse_status(to_string(s)), s);
    }
}

TEST(Policy, RoundTripsAndRefusesUnknownKinds) {
    SanctionPolicy policy;
    policy.enabled = {SanctionKind::kWarning, SanctionKind::kRevocation};
    policy.rectification_days = 45;
    policy.revocation_requires_rectification = true;
    auto back = decode_policy(encode_policy(policy));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->enabled, policy.enabled);
    EXPECT_EQ(back->rectification_days, 45);
    EXPECT_TRUE(back->revocation_requires_rectification);
    EXPECT_FALSE(decode_policy("enabled=warning,pardon\n"));
}

}  // namespace
}  // namespace hx::certifications
