#include "domain/standards/validation.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

namespace hx::standards {

namespace {

std::string quoted(std::string_view text) {
    std::string out = "'";
    out += text;
    out += "'";
    return out;
}

std::string indexed(std::string_view base, std::size_t index) {
    std::string out(base);
    out += "[";
    out += std::to_string(index);
    out += "]";
    return out;
}

bool has_whitespace(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    });
}

class Checker {
public:
    Checker(const Standard& standard, ThresholdCheck threshold_check)
        : standard_(standard), threshold_check_(threshold_check) {}

    std::vector<FieldError> run() && {
        check_header();
        check_rules();
        check_catalogue();
        return std::move(problems_);
    }

private:
    void add(std::string field, std::string message) {
        problems_.push_back({std::move(field), std::move(message)});
    }

    void require_text(std::string_view value, std::string field, std::string_view what) {
        if (!value.empty()) return;
        add(std::move(field), std::string(what) + "不能为空");
    }

    // A code must be short and without whitespace: it is typed by people, compared byte for byte
    // and named in messages. Returns whether the code is usable as a key.
    bool check_code(std::string_view code, const std::string& field, std::string_view what) {
        if (code.empty()) {
            add(field, std::string(what) + "不能为空");
            return false;
        }
        if (code.size() > kMaxCodeLength) {
            add(field,
                std::string(what) + "过长（最多 " + std::to_string(kMaxCodeLength) + " 个字符）");
            return false;
        }
        if (has_whitespace(code)) {
            add(field, std::string(what) + " " + quoted(code) + " 不能含空白字符");
            return false;
        }
        return true;
    }

    void check_header() {
        require_text(standard_.id, "id", "标准编号（id）");
        require_text(standard_.name, "name", "标准名称（name）");
        require_text(standard_.version, "version", "标准版本（version）");
        require_text(standard_.kind, "kind", "标准类别（kind）");
    }

    void check_rules() {
        const StarRules& rules = standard_.rules;
        const bool max_star_ok = rules.max_star >= kMinStar && rules.max_star <= kMaxStar;
        if (!max_star_ok) {
            add("rules.max_star", "最高星级 " + std::to_string(rules.max_star) + " 超出 " +
                                      std::to_string(kMinStar) + "–" + std::to_string(kMaxStar));
        }
        if (rules.levels.empty()) {
            add("rules.levels", "星级规则至少需要一个星级");
            return;
        }
        const int countable = standard_.countable_total();
        // Without any indicator the catalogue check says so; every threshold failing too is noise.
        const bool check_countable = threshold_check_ == ThresholdCheck::kAgainstCatalogue &&
                                     standard_.count_by_kind().total > 0;
        std::map<int, std::size_t> star_to_level;  // first level of each star, for the order check
        for (std::size_t i = 0; i < rules.levels.size(); ++i) {
            const StarLevel& level = rules.levels[i];
            const std::string base = indexed("rules.levels", i);
            const std::string star_text = std::to_string(level.star);
            const int upper = max_star_ok ? rules.max_star : kMaxStar;
            if (level.star < kMinStar || level.star > upper) {
                add(base + ".star", "星级 " + star_text + " 超出 " + std::to_string(kMinStar) +
                                        "–" + std::to_string(upper) + "（最高星级）");
            } else if (!star_to_level.emplace(level.star, i).second) {
                add(base + ".star", "星级 " + star_text + " 重复");
            }
            if (level.min <= 0) {
                add(base + ".min",
                    "星级 " + star_text + " 的门槛 " + std::to_string(level.min) + " 必须为正数");
            } else if (check_countable && level.min > countable) {
                add(base + ".min", "星级 " + star_text + " 的门槛 " + std::to_string(level.min) +
                                       " 超过可计入的指标总数 " + std::to_string(countable) +
                                       "（计数口径 " + to_string(rules.count) + "）");
            }
            check_conditions(level, base);
            check_prerequisite(level, base);
        }
        check_threshold_order(star_to_level);
    }

    void check_conditions(const StarLevel& level, const std::string& base) {
        std::set<Condition> seen;
        for (std::size_t j = 0; j < level.conditions.size(); ++j) {
            if (seen.insert(level.conditions[j]).second) continue;
            add(indexed(base + ".requires", j),
                std::string("申报条件 '") + to_string(level.conditions[j]) + "' 重复");
        }
    }

    // 第十三条2: ★★★★ and ★★★★★ need a star already held. A prerequisite is a star from 0 to 5
    // below the level itself, since applying for the star one already holds is never allowed.
    void check_prerequisite(const StarLevel& level, const std::string& base) {
        if (!level.current_star_in) return;
        const std::string field = base + ".current_star_in";
        if (level.current_star_in->empty()) {
            add(field, "前置星级列表不能为空；不设前置条件时请省略 current_star_in");
            return;
        }
        std::set<int> seen;
        for (std::size_t j = 0; j < level.current_star_in->size(); ++j) {
            const int star = (*level.current_star_in)[j];
            const std::string text = std::to_string(star);
            if (star < 0 || star > kMaxStar) {
                add(indexed(field, j), "前置星级 " + text + " 超出 0–" + std::to_string(kMaxStar));
            } else if (star >= level.star) {
                add(indexed(field, j),
                    "前置星级 " + text + " 不低于本级星级 " + std::to_string(level.star));
            } else if (!seen.insert(star).second) {
                add(indexed(field, j), "前置星级 " + text + " 重复");
            }
        }
    }

    // A higher star may not ask for fewer indicators than a lower one: the stars are a ladder.
    void check_threshold_order(const std::map<int, std::size_t>& star_to_level) {
        const StarLevel* lower = nullptr;
        for (const auto& [star, index] : star_to_level) {
            const StarLevel& level = standard_.rules.levels[index];
            if (lower != nullptr && level.min > 0 && level.min < lower->min) {
                add(indexed("rules.levels", index) + ".min",
                    "星级 " + std::to_string(star) + " 的门槛 " + std::to_string(level.min) +
                        " 低于星级 " + std::to_string(lower->star) + " 的门槛 " +
                        std::to_string(lower->min));
            }
            lower = &level;
        }
    }

    void check_catalogue() {
        if (standard_.categories.empty()) {
            add("categories", "标准至少需要一个一级类别");
            return;
        }
        std::set<std::string, std::less<>> category_codes;
        std::set<std::string, std::less<>> subcategory_codes;
        std::map<std::string, std::string, std::less<>> indicator_fields;  // code → first field
        int indicator_total = 0;
        for (std::size_t c = 0; c < standard_.categories.size(); ++c) {
            const Category& category = standard_.categories[c];
            const std::string cbase = indexed("categories", c);
            if (check_code(category.code, cbase + ".code", "一级类别编号") &&
                !category_codes.insert(category.code).second) {
                add(cbase + ".code", "一级类别编号 " + quoted(category.code) + " 重复");
            }
            require_text(category.name, cbase + ".name", "一级类别名称");
            if (category.subcategories.empty()) {
                add(cbase + ".subcategories",
                    "一级类别 " + quoted(category.code) + " 下没有二级类别");
            }
            for (std::size_t s = 0; s < category.subcategories.size(); ++s) {
                const Subcategory& subcategory = category.subcategories[s];
                const std::string sbase = indexed(cbase + ".subcategories", s);
                if (check_code(subcategory.code, sbase + ".code", "二级类别编号") &&
                    !subcategory_codes.insert(subcategory.code).second) {
                    add(sbase + ".code", "二级类别编号 " + quoted(subcategory.code) + " 重复");
                }
                require_text(subcategory.name, sbase + ".name", "二级类别名称");
                if (subcategory.indicators.empty()) {
                    add(sbase + ".indicators",
                        "二级类别 " + quoted(subcategory.code) + " 下没有指标");
                }
                for (std::size_t i = 0; i < subcategory.indicators.size(); ++i) {
                    ++indicator_total;
                    check_indicator(subcategory.indicators[i], indexed(sbase + ".indicators", i),
                                    indicator_fields);
                }
            }
        }
        if (indicator_total > kMaxIndicators) {
            add("categories", "指标总数 " + std::to_string(indicator_total) + " 超过上限 " +
                                  std::to_string(kMaxIndicators));
        }
    }

    void check_indicator(const Indicator& indicator, const std::string& base,
                         std::map<std::string, std::string, std::less<>>& seen_codes) {
        if (check_code(indicator.code, base + ".code", "指标编号")) {
            auto [it, inserted] = seen_codes.emplace(indicator.code, base);
            if (!inserted) {
                add(base + ".code", "指标编号 " + quoted(indicator.code) + " 重复（首次出现于 " +
                                        it->second + "）");
            }
        }
        if (indicator.title.empty()) {
            add(base + ".title", "指标 " + quoted(indicator.code) + " 的标题不能为空");
        }
        std::set<LifeElement> elements;
        for (std::size_t e = 0; e < indicator.life_elements.size(); ++e) {
            if (elements.insert(indicator.life_elements[e]).second) continue;
            add(indexed(base + ".life_elements", e),
                std::string("生活要素 '") + to_string(indicator.life_elements[e]) + "' 重复");
        }
    }

    const Standard& standard_;
    ThresholdCheck threshold_check_;
    std::vector<FieldError> problems_;
};

}  // namespace

std::vector<FieldError> standard_problems(const Standard& standard,
                                          ThresholdCheck threshold_check) {
    return Checker(standard, threshold_check).run();
}

Status validate_standard(const Standard& standard) {
    std::vector<FieldError> problems = standard_problems(standard);
    if (problems.empty()) return ok();
    return fail(invalid_standard_error(standard.id, std::move(problems)));
}

Error invalid_standard_error(std::string_view standard_id, std::vector<FieldError> fields) {
    std::string message = "标准";
    if (!standard_id.empty()) message += " " + quoted(standard_id) + " ";
    message += "有 " + std::to_string(fields.size()) + " 处错误";
    if (fields.size() == 1) message += "：" + fields.front().message;
    return Error::invalid(std::string(kInvalidStandard), std::move(message), std::move(fields));
}

}  // namespace hx::standards
