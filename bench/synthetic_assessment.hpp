#pragma once
/// The synthetic self-assessment of one community, shared by rating_bench (the rating engine over
/// China) and national_bench (the statistics over China), so that both rate the same data.
/// Seeded by the community's code, so the data do not depend on order: a share p of the
/// indicators (p uniform per community, so every star threshold is crossed by some), a current
/// star 0–5, and the effective and mechanism claims at even odds.
#include <cstdint>
#include <vector>

#include "domain/standards/rating.hpp"

namespace hx::bench {

/// splitmix64: tiny, deterministic, and good enough to spread synthetic data.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31U);
    }
    /// Uniform in [0, bound).
    std::uint64_t below(std::uint64_t bound) { return next() % bound; }

private:
    std::uint64_t state_;
};

/// The indicators' indices (into the engine's order) and the claims of community `code`.
inline standards::Claims synthetic_assessment(std::uint64_t code, int indicator_count,
                                              std::vector<std::uint16_t>& indices) {
    Random random(code);
    const std::uint64_t share = random.below(1001);  // per mille
    indices.clear();
    for (int i = 0; i < indicator_count; ++i) {
        if (random.below(1000) < share) indices.push_back(static_cast<std::uint16_t>(i));
    }
    standards::Claims claims;
    claims.current_star = static_cast<int>(random.below(6));
    claims.effective = random.below(2) == 1;
    claims.mechanism = random.below(2) == 1;
    return claims;
}

}  // namespace hx::bench
