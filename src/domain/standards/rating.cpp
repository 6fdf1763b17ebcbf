#include "domain/standards/rating.hpp"

#include <algorithm>
#include <bit>
#include <utility>

#include "domain/standards/validation.hpp"

namespace hx::standards {

// 第十三条1: a pilot community "可以申报" ★/★★/★★★ by its constraint indicators and the long-term
// mechanism; 第十三条2: later, ★–★★★★★ by all indicators and 作用发挥好, ★★★★ and ★★★★★ only from
// ★★★ (or ★★★★). Applying means moving up: a target is a star (≥ ★), above the star held and
// within what the indicators earn.
bool target_allowed(int current_star, int target, int eligible) {
    return target >= kMinStar && current_star < target && target <= eligible;
}

namespace {

// Beyond this many bad codes a request is garbage; naming each one helps nobody.
constexpr std::size_t kMaxReportedProblems = 50;

// The largest code number the direct table serves; catalogues with larger numbers use the map.
constexpr int kMaxTableCode = 4095;

// The value of a canonical decimal code ("7", "80"; not "07", "+7" or "7a"), if it is one and at
// most kMaxTableCode.
std::optional<int> small_number(std::string_view code) {
    if (code.empty() || code.size() > 4 || (code.size() > 1 && code.front() == '0')) {
        return std::nullopt;
    }
    int value = 0;
    for (char c : code) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    if (value > kMaxTableCode) return std::nullopt;
    return value;
}

constexpr unsigned condition_bit(Condition condition) {
    return 1u << static_cast<unsigned>(condition);
}

std::string achieved_field(std::size_t index) {
    return "achieved[" + std::to_string(index) + "]";
}

Error input_error(std::string_view reason, std::vector<FieldError> fields) {
    std::string message = fields.size() == 1
                              ? fields.front().message
                              : "评级输入有 " + std::to_string(fields.size()) + " 处错误";
    return Error::invalid(std::string(reason), std::move(message), std::move(fields));
}

// Collects problems up to kMaxReportedProblems and counts the rest.
class Problems {
public:
    void add(std::string field, std::string message) {
        if (fields_.size() < kMaxReportedProblems) {
            fields_.push_back({std::move(field), std::move(message)});
            return;
        }
        ++unreported_;
    }
    [[nodiscard]] bool empty() const { return fields_.empty(); }
    std::vector<FieldError> take() && {
        if (unreported_ > 0) {
            fields_.push_back(
                {"achieved", "另有 " + std::to_string(unreported_) + " 处错误未列出"});
        }
        return std::move(fields_);
    }

private:
    std::vector<FieldError> fields_;
    std::size_t unreported_ = 0;
};

}  // namespace

bool IndicatorSet::insert(std::uint16_t index) noexcept {
    if (index >= kMaxIndicators) return false;
    std::uint64_t& word = words_[index / 64U];
    const std::uint64_t bit = std::uint64_t{1} << (index % 64U);
    if ((word & bit) != 0) return false;
    word |= bit;
    return true;
}

bool IndicatorSet::contains(std::uint16_t index) const noexcept {
    if (index >= kMaxIndicators) return false;
    return (words_[index / 64U] >> (index % 64U) & 1U) != 0;
}

int IndicatorSet::size() const noexcept {
    int total = 0;
    for (std::uint64_t word : words_) total += std::popcount(word);
    return total;
}

Result<RatingEngine> RatingEngine::create(Standard standard) {
    RETURN_IF_ERROR(validate_standard(standard));
    return RatingEngine(std::move(standard));
}

RatingEngine::RatingEngine(Standard standard) : standard_(std::move(standard)) {
    // validate_standard has bounded the catalogue by kMaxIndicators, so every index below fits.
    const auto& categories = standard_.categories;
    for (std::size_t c = 0; c < categories.size(); ++c) {
        const auto& subcategories = categories[c].subcategories;
        for (std::size_t s = 0; s < subcategories.size(); ++s) {
            const auto& indicators = subcategories[s].indicators;
            for (std::size_t i = 0; i < indicators.size(); ++i) {
                const auto index = static_cast<std::uint16_t>(positions_.size());
                positions_.push_back({static_cast<std::uint16_t>(c), static_cast<std::uint16_t>(s),
                                      static_cast<std::uint16_t>(i)});
                index_by_code_.emplace(indicators[i].code, index);
                const std::size_t word = index / 64U;
                const std::uint64_t bit = std::uint64_t{1} << (index % 64U);
                all_mask_[word] |= bit;
                if (counts_toward(standard_.rules.count, indicators[i].kind)) {
                    countable_mask_[word] |= bit;
                }
                switch (indicators[i].kind) {
                    case IndicatorKind::kConstraint: constraint_mask_[word] |= bit; break;
                    case IndicatorKind::kGuiding: guiding_mask_[word] |= bit; break;
                    case IndicatorKind::kGeneral: general_mask_[word] |= bit; break;
                }
            }
        }
    }
    words_used_ = static_cast<int>((positions_.size() + 63U) / 64U);
    build_number_table();

    const StarRules& rules = standard_.rules;
    for (std::size_t r = 0; r < rules.levels.size(); ++r) {
        const StarLevel& level = rules.levels[r];
        // 第十三条1: pilot rounds top out at ★★★ — the rules' max_star caps every level.
        if (level.star > rules.max_star) continue;
        CompiledLevel compiled;
        compiled.star = level.star;
        compiled.min = level.min;
        compiled.rule_index = r;
        for (Condition condition : level.conditions)
            compiled.conditions |= condition_bit(condition);
        if (level.current_star_in) {
            compiled.has_prerequisite = true;
            for (int star : *level.current_star_in) compiled.prerequisite |= 1u << star;
        }
        levels_.push_back(compiled);
    }
    std::sort(levels_.begin(), levels_.end(),
              [](const CompiledLevel& a, const CompiledLevel& b) { return a.star > b.star; });
}

void RatingEngine::build_number_table() {
    std::size_t table_size = 0;
    for (const auto& [code, index] : index_by_code_) {
        const std::optional<int> number = small_number(code);
        if (!number) return;  // one code that is not a small number: the map serves them all
        table_size = std::max(table_size, static_cast<std::size_t>(*number) + 1U);
    }
    index_by_number_.assign(table_size, 0);
    for (const auto& [code, index] : index_by_code_) {
        const auto number = static_cast<std::size_t>(*small_number(code));
        index_by_number_[number] = static_cast<std::uint16_t>(index + 1U);
    }
}

std::optional<std::uint16_t> RatingEngine::index_of(std::string_view code) const {
    if (!index_by_number_.empty()) {
        // Every catalogue code is a small number, so a code that is not one is unknown.
        const std::optional<int> number = small_number(code);
        if (!number || static_cast<std::size_t>(*number) >= index_by_number_.size()) {
            return std::nullopt;
        }
        const std::uint16_t entry = index_by_number_[static_cast<std::size_t>(*number)];
        if (entry == 0) return std::nullopt;
        return static_cast<std::uint16_t>(entry - 1U);
    }
    const auto it = index_by_code_.find(code);
    if (it == index_by_code_.end()) return std::nullopt;
    return it->second;
}

const Indicator& RatingEngine::indicator_at(std::uint16_t index) const {
    const Position& at = positions_[index];
    return standard_.categories[at.category].subcategories[at.subcategory].indicators[at.indicator];
}

Result<IndicatorSet> RatingEngine::resolve(std::span<const std::string> codes) const {
    IndicatorSet set;
    Problems problems;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        const std::string& code = codes[i];
        if (code.empty()) {
            problems.add(achieved_field(i), "指标编号为空");
            continue;
        }
        if (code.size() > kMaxCodeLength) {
            problems.add(achieved_field(i),
                         "指标编号过长（最多 " + std::to_string(kMaxCodeLength) + " 个字符）");
            continue;
        }
        const std::optional<std::uint16_t> index = index_of(code);
        if (!index) {
            problems.add(achieved_field(i),
                         "指标 '" + code + "' 不在标准 '" + standard_.id + "' 中");
            continue;
        }
        if (!set.insert(*index)) problems.add(achieved_field(i), "指标 '" + code + "' 重复");
    }
    if (!problems.empty()) return fail(input_error(kInvalidIndicator, std::move(problems).take()));
    return set;
}

Result<IndicatorSet> RatingEngine::resolve_indices(std::span<const std::uint16_t> indices) const {
    IndicatorSet set;
    Problems problems;
    for (std::size_t i = 0; i < indices.size(); ++i) {
        const std::uint16_t index = indices[i];
        if (index >= positions_.size()) {
            problems.add(achieved_field(i), "指标序号 " + std::to_string(index) + " 超出标准 '" +
                                                standard_.id + "' 的 " +
                                                std::to_string(positions_.size()) + " 项指标");
            continue;
        }
        if (!set.insert(index)) {
            problems.add(achieved_field(i), "指标 '" + indicator_at(index).code + "' 重复");
        }
    }
    if (!problems.empty()) return fail(input_error(kInvalidIndicator, std::move(problems).take()));
    return set;
}

Status RatingEngine::check_current_star(int current_star) const {
    if (current_star >= 0 && current_star <= kMaxStar) return ok();
    return fail(input_error(kInvalidCurrentStar,
                            {{"current_star", "当前星级 " + std::to_string(current_star) +
                                                  " 超出 0–" + std::to_string(kMaxStar)}}));
}

Result<RatingResult> RatingEngine::evaluate(const RatingInput& input) const {
    Result<IndicatorSet> achieved = resolve(input.achieved);
    const Status star = check_current_star(input.claims.current_star);
    if (!achieved) {
        // Report the star too, so that one round trip shows every mistake.
        std::vector<FieldError> fields = achieved.error().fields();
        if (!star)
            fields.insert(fields.end(), star.error().fields().begin(), star.error().fields().end());
        return fail(input_error(kInvalidIndicator, std::move(fields)));
    }
    RETURN_IF_ERROR(star);
    return evaluate(*achieved, input.claims);
}

Result<RatingResult> RatingEngine::evaluate(const IndicatorSet& achieved,
                                            const Claims& claims) const {
    RETURN_IF_ERROR(check_current_star(claims.current_star));
    for (std::size_t w = 0; w < achieved.words().size(); ++w) {
        const std::uint64_t stray = achieved.words()[w] & ~all_mask_[w];
        if (stray == 0) continue;
        const std::size_t index = w * 64U + static_cast<std::size_t>(std::countr_zero(stray));
        return fail(input_error(
            kInvalidIndicator,
            {{"achieved", "指标序号 " + std::to_string(index) + " 超出标准 '" + standard_.id +
                              "' 的 " + std::to_string(positions_.size()) + " 项指标"}}));
    }

    RatingResult result;
    result.counts = {.total = count_in(achieved, all_mask_),
                     .constraint = count_in(achieved, constraint_mask_),
                     .guiding = count_in(achieved, guiding_mask_),
                     .general = count_in(achieved, general_mask_),
                     .counted = count_in(achieved, countable_mask_)};
    const int counted_total = result.counts.counted;

    for (const CompiledLevel& compiled : levels_) {
        const StarLevel& rule = standard_.rules.levels[compiled.rule_index];
        LevelOutcome outcome;
        outcome.star = compiled.star;
        outcome.min = compiled.min;
        outcome.counted = counted_total;
        outcome.threshold_met = counted_total >= compiled.min;
        bool conditions_held = true;
        for (Condition condition : rule.conditions) {
            const bool held =
                condition == Condition::kMechanism ? claims.mechanism : claims.effective;
            outcome.conditions.push_back({condition, held});
            conditions_held = conditions_held && held;
        }
        if (rule.current_star_in) {
            outcome.prerequisite.required = *rule.current_star_in;
            outcome.prerequisite.held =
                std::find(rule.current_star_in->begin(), rule.current_star_in->end(),
                          claims.current_star) != rule.current_star_in->end();
        }
        outcome.eligible = outcome.threshold_met && conditions_held && outcome.prerequisite.held;
        if (outcome.eligible && result.eligible_star == 0) result.eligible_star = outcome.star;
        result.levels.push_back(std::move(outcome));
    }

    // The next rung: the lowest star above both what is earned and what is held.
    const int floor = std::max(result.eligible_star, claims.current_star);
    for (auto it = result.levels.rbegin(); it != result.levels.rend(); ++it) {
        if (it->star <= floor) continue;
        NextStar next;
        next.star = it->star;
        next.missing = std::max(0, it->min - it->counted);
        for (const ConditionOutcome& condition : it->conditions) {
            if (!condition.held) next.missing_conditions.push_back(condition.condition);
        }
        if (!it->prerequisite.held) next.missing_prerequisite = it->prerequisite.required;
        result.next = std::move(next);
        break;
    }
    return result;
}

int RatingEngine::eligible_star(const IndicatorSet& achieved, const Claims& claims) const noexcept {
    const int counted_total = counted(achieved);
    const unsigned held = (claims.mechanism ? condition_bit(Condition::kMechanism) : 0u) |
                          (claims.effective ? condition_bit(Condition::kEffective) : 0u);
    const bool star_known = claims.current_star >= 0 && claims.current_star <= kMaxStar;
    const unsigned current = star_known ? 1u << claims.current_star : 0u;
    for (const CompiledLevel& level : levels_) {
        if (counted_total < level.min) continue;
        if ((level.conditions & ~held) != 0) continue;
        if (level.has_prerequisite && (level.prerequisite & current) == 0) continue;
        return level.star;
    }
    return 0;
}

int RatingEngine::counted(const IndicatorSet& achieved) const noexcept {
    return count_in(achieved, countable_mask_);
}

int RatingEngine::count_in(const IndicatorSet& achieved,
                           const IndicatorSet::Words& mask) const noexcept {
    int total = 0;
    for (int w = 0; w < words_used_; ++w) {
        const auto word = static_cast<std::size_t>(w);
        total += std::popcount(achieved.words()[word] & mask[word]);
    }
    return total;
}

Result<RatingResult> rate(const Standard& standard, const RatingInput& input) {
    ASSIGN_OR_RETURN(const RatingEngine engine, RatingEngine::create(standard));
    return engine.evaluate(input);
}

}  // namespace hx::standards
