#include "domain/standards/standard.hpp"

#include <algorithm>

namespace hx::standards {

const char* to_string(IndicatorKind kind) {
    switch (kind) {
        case IndicatorKind::kConstraint: return "constraint";
        case IndicatorKind::kGuiding: return "guiding";
        case IndicatorKind::kGeneral: return "general";
    }
    return "general";
}

const char* to_string(Provenance provenance) {
    switch (provenance) {
        case Provenance::kSource: return "source";
        case Provenance::kExample: return "example";
    }
    return "example";
}

const char* to_string(LifeElement element) {
    switch (element) {
        case LifeElement::kEat: return "吃";
        case LifeElement::kDwell: return "住";
        case LifeElement::kTravel: return "行";
        case LifeElement::kTour: return "游";
        case LifeElement::kShop: return "购";
        case LifeElement::kEntertainment: return "娱";
        case LifeElement::kHealth: return "健";
    }
    return "住";
}

const char* to_string(CountWhat what) {
    switch (what) {
        case CountWhat::kAll: return "all";
        case CountWhat::kConstraint: return "constraint";
        case CountWhat::kGuiding: return "guiding";
    }
    return "all";
}

const char* to_string(Condition condition) {
    switch (condition) {
        case Condition::kMechanism: return "mechanism";
        case Condition::kEffective: return "effective";
    }
    return "effective";
}

namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> parse_with(const std::array<Enum, N>& all, std::string_view text) {
    for (Enum value : all) {
        if (text == to_string(value)) return value;
    }
    return std::nullopt;
}

// "constraint、guiding、general": the choices, named in every unknown-value message.
template <typename Enum, std::size_t N>
std::string choices(const std::array<Enum, N>& all) {
    std::string out;
    for (Enum value : all) {
        if (!out.empty()) out += "、";
        out += to_string(value);
    }
    return out;
}

template <typename Enum, std::size_t N>
std::string unknown_message(std::string_view what, std::string_view text,
                            const std::array<Enum, N>& all) {
    std::string out = "未知的";
    out += what;
    out += " '";
    out += text;
    out += "'（可选：";
    out += choices(all);
    out += "）";
    return out;
}

}  // namespace

std::optional<IndicatorKind> parse_indicator_kind(std::string_view text) {
    return parse_with(kAllIndicatorKinds, text);
}
std::optional<Provenance> parse_provenance(std::string_view text) {
    return parse_with(kAllProvenances, text);
}
std::optional<LifeElement> parse_life_element(std::string_view text) {
    return parse_with(kAllLifeElements, text);
}
std::optional<CountWhat> parse_count_what(std::string_view text) {
    return parse_with(kAllCountWhats, text);
}
std::optional<Condition> parse_condition(std::string_view text) {
    return parse_with(kAllConditions, text);
}

const char* indicator_kind_label(IndicatorKind kind) {
    switch (kind) {
        case IndicatorKind::kConstraint: return "约束性指标";
        case IndicatorKind::kGuiding: return "引导性指标";
        case IndicatorKind::kGeneral: return "指标";
    }
    return "指标";
}

const char* condition_label(Condition condition) {
    switch (condition) {
        case Condition::kMechanism: return "建立信息服务资源动态更新维护管理长效机制";
        case Condition::kEffective: return "作用发挥好";
    }
    return "";
}

std::string star_label(int star) {
    std::string out;
    for (int i = 0; i < std::clamp(star, 0, kMaxStar); ++i) out += "★";
    return out;
}

std::string unknown_indicator_kind_message(std::string_view text) {
    return unknown_message("指标类型", text, kAllIndicatorKinds);
}
std::string unknown_provenance_message(std::string_view text) {
    return unknown_message("来源标记", text, kAllProvenances);
}
std::string unknown_life_element_message(std::string_view text) {
    return unknown_message("生活要素", text, kAllLifeElements);
}
std::string unknown_count_what_message(std::string_view text) {
    return unknown_message("计数口径", text, kAllCountWhats);
}
std::string unknown_condition_message(std::string_view text) {
    return unknown_message("申报条件", text, kAllConditions);
}

bool counts_toward(CountWhat what, IndicatorKind kind) {
    switch (what) {
        case CountWhat::kAll: return true;
        case CountWhat::kConstraint: return kind == IndicatorKind::kConstraint;
        case CountWhat::kGuiding: return kind == IndicatorKind::kGuiding;
    }
    return false;
}

const Indicator* Standard::find_indicator(std::string_view code) const {
    for (const Category& category : categories) {
        for (const Subcategory& subcategory : category.subcategories) {
            for (const Indicator& indicator : subcategory.indicators) {
                if (indicator.code == code) return &indicator;
            }
        }
    }
    return nullptr;
}

std::vector<const Indicator*> Standard::indicators() const {
    std::vector<const Indicator*> out;
    for (const Category& category : categories) {
        for (const Subcategory& subcategory : category.subcategories) {
            for (const Indicator& indicator : subcategory.indicators) out.push_back(&indicator);
        }
    }
    return out;
}

KindCounts Standard::count_by_kind() const {
    KindCounts counts;
    for (const Indicator* indicator : indicators()) {
        ++counts.total;
        switch (indicator->kind) {
            case IndicatorKind::kConstraint: ++counts.constraint; break;
            case IndicatorKind::kGuiding: ++counts.guiding; break;
            case IndicatorKind::kGeneral: ++counts.general; break;
        }
    }
    return counts;
}

int Standard::countable_total() const {
    int total = 0;
    for (const Indicator* indicator : indicators()) {
        if (counts_toward(rules.count, indicator->kind)) ++total;
    }
    return total;
}

bool Standard::has_example_provenance() const {
    const std::vector<const Indicator*> all = indicators();
    return std::any_of(all.begin(), all.end(), [](const Indicator* indicator) {
        return indicator->provenance == Provenance::kExample;
    });
}

}  // namespace hx::standards
