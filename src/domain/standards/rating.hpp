#pragma once
/// The one rating engine (评级引擎): which star a community may apply for, from its achieved
/// indicators and claims, driven only by a standard's rules (DESIGN.md §1, 第十三条).
///
///   ASSIGN_OR_RETURN(RatingEngine engine, RatingEngine::create(standard));  // once per standard
///   ASSIGN_OR_RETURN(RatingResult result, engine.evaluate(RatingInput{
///       .achieved = {"1", "2", "17"},
///       .claims = {.current_star = 3, .mechanism = false, .effective = true}}));
///
/// For bulk work (an import of every community's self-assessment, a benchmark), resolve codes to
/// an IndicatorSet once and call `eligible_star`, which neither allocates nor validates.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"
#include "domain/standards/standard.hpp"

namespace hx::standards {

/// 第十三条1/2 say which star a community "may apply for" (可以申报): an application's target must
/// be above the star it already holds and at most the star its indicators earn,
/// current_star < target <= eligible.
bool target_allowed(int current_star, int target, int eligible);

/// The reasons of the engine's errors.
inline constexpr std::string_view kInvalidIndicator = "invalid_indicator";
inline constexpr std::string_view kInvalidCurrentStar = "invalid_current_star";

/// A set of indicators by their index in catalogue order: a fixed bitset, so it can be copied,
/// stored by the hundred thousand and counted without touching the heap.
class IndicatorSet {
public:
    static constexpr int kWords = kMaxIndicators / 64;
    using Words = std::array<std::uint64_t, kWords>;

    /// Adds an index; false when it was already there or is not below kMaxIndicators.
    bool insert(std::uint16_t index) noexcept;
    [[nodiscard]] bool contains(std::uint16_t index) const noexcept;
    [[nodiscard]] int size() const noexcept;
    [[nodiscard]] const Words& words() const noexcept { return words_; }
    void clear() noexcept { words_ = {}; }

    friend bool operator==(const IndicatorSet&, const IndicatorSet&) = default;

private:
    Words words_{};
};

/// What a community claims beside its indicators.
struct Claims {
    int current_star = 0;    // the star it already holds, 0..5 (第十三条2 prerequisites)
    bool mechanism = false;  // 长效机制 in place (第十三条1)
    bool effective = false;  // 作用发挥好 (第十三条2), the community's claim until evaluators judge
};

struct RatingInput {
    std::vector<std::string> achieved;  // indicator codes, each once
    Claims claims;
};

/// Achieved indicators per kind, and how many of them the rules count.
struct RatingCounts {
    int total = 0;
    int constraint = 0;
    int guiding = 0;
    int general = 0;
    int counted = 0;
};

struct ConditionOutcome {
    Condition condition = Condition::kEffective;
    bool held = false;
};

struct PrerequisiteOutcome {
    std::vector<int> required;  // the current stars the level accepts; empty: no prerequisite
    bool held = true;
};

/// How one star level of the rules came out.
struct LevelOutcome {
    int star = 0;
    int min = 0;
    int counted = 0;
    bool threshold_met = false;
    std::vector<ConditionOutcome> conditions;
    PrerequisiteOutcome prerequisite;
    bool eligible = false;
};

/// What stands between the community and the next star up.
struct NextStar {
    int star = 0;
    int missing = 0;  // indicators still needed; 0 when the threshold is met already
    std::vector<Condition> missing_conditions;
    std::vector<int> missing_prerequisite;  // the current stars that would be needed, or empty
};

struct RatingResult {
    int eligible_star = 0;  // 0: no star may be applied for
    RatingCounts counts;
    std::vector<LevelOutcome> levels;  // highest star first
    /// The lowest star of the rules above max(eligible_star, current_star); none at the top.
    std::optional<NextStar> next;
};

/// A standard compiled for rating: codes mapped to indices once, kinds and levels turned into
/// bit masks. Immutable after create(); safe to share between threads.
class RatingEngine {
public:
    /// Validates the standard (validate_standard) and compiles it.
    static Result<RatingEngine> create(Standard standard);

    [[nodiscard]] const Standard& standard() const { return standard_; }
    [[nodiscard]] int indicator_count() const { return static_cast<int>(positions_.size()); }
    /// The index of a code in catalogue order, if the standard has it.
    [[nodiscard]] std::optional<std::uint16_t> index_of(std::string_view code) const;
    /// Precondition: index < indicator_count().
    [[nodiscard]] const Indicator& indicator_at(std::uint16_t index) const;

    /// The set of these codes. Every empty, over-long, unknown or repeated code becomes a
    /// FieldError "achieved[i]" naming it; reason "invalid_indicator".
    [[nodiscard]] Result<IndicatorSet> resolve(std::span<const std::string> codes) const;
    /// The same over indices; out-of-range and repeated indices are errors.
    [[nodiscard]] Result<IndicatorSet> resolve_indices(
        std::span<const std::uint16_t> indices) const;

    /// The full outcome, every level explained. Validates codes and current_star (0..5).
    [[nodiscard]] Result<RatingResult> evaluate(const RatingInput& input) const;
    [[nodiscard]] Result<RatingResult> evaluate(const IndicatorSet& achieved,
                                                const Claims& claims) const;

    /// The hot path: the eligible star alone, no allocation, no validation. A current_star
    /// outside 0..5 holds no prerequisite; indices beyond the catalogue are not counted.
    [[nodiscard]] int eligible_star(const IndicatorSet& achieved,
                                    const Claims& claims) const noexcept;
    /// How many of `achieved` the rules count.
    [[nodiscard]] int counted(const IndicatorSet& achieved) const noexcept;

private:
    struct CompiledLevel {
        int star = 0;
        int min = 0;
        unsigned conditions = 0;    // bit per Condition
        unsigned prerequisite = 0;  // bit per accepted current star
        bool has_prerequisite = false;
        std::size_t rule_index = 0;  // into standard_.rules.levels
    };
    // Where an indicator sits in standard_: indices rather than pointers, so that copies of the
    // engine stay valid.
    struct Position {
        std::uint16_t category = 0;
        std::uint16_t subcategory = 0;
        std::uint16_t indicator = 0;
    };
    struct CodeHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view code) const noexcept {
            return std::hash<std::string_view>{}(code);
        }
    };

    explicit RatingEngine(Standard standard);
    void build_number_table();
    [[nodiscard]] int count_in(const IndicatorSet& achieved,
                               const IndicatorSet::Words& mask) const noexcept;
    [[nodiscard]] Status check_current_star(int current_star) const;

    Standard standard_;
    std::vector<Position> positions_;  // catalogue order
    std::unordered_map<std::string, std::uint16_t, CodeHash, std::equal_to<>> index_by_code_;
    // When every code is a small decimal number ("1" … "80", as in both Beijing standards), a
    // direct table from number to index + 1 (0: none), which resolves a code in a few
    // nanoseconds instead of hashing it.
    std::vector<std::uint16_t> index_by_number_;
    IndicatorSet::Words all_mask_{};
    IndicatorSet::Words countable_mask_{};
    IndicatorSet::Words constraint_mask_{};
    IndicatorSet::Words guiding_mask_{};
    IndicatorSet::Words general_mask_{};
    int words_used_ = 0;                 // words of a set that can hold a catalogue index
    std::vector<CompiledLevel> levels_;  // highest star first
};

/// Compiles `standard` and evaluates one input: for a single call; keep an engine for more.
Result<RatingResult> rate(const Standard& standard, const RatingInput& input);

}  // namespace hx::standards
