#pragma once
/// A standard (指导标准) and its star rules (星级规则) as versioned data (DESIGN.md §1, 第七条,
/// 第十三条). The catalogue is 一级类别 → 二级类别 → 指标; the rules say what is counted, the
/// threshold of each star, the conditions it needs and the star a community must already hold.
/// Nothing here knows JSON: src/http/dto/standards.* maps the file format onto these types.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hx::standards {

/// 约束性 / 引导性 / 一般. The construction standard has no split: all its indicators are general.
enum class IndicatorKind { kConstraint, kGuiding, kGeneral };
inline constexpr std::array kAllIndicatorKinds{IndicatorKind::kConstraint, IndicatorKind::kGuiding,
                                               IndicatorKind::kGeneral};

/// Where an indicator's text comes from: the published standard, or an example written in its
/// place until the city imports the official catalogue (DESIGN.md §1).
enum class Provenance { kSource, kExample };
inline constexpr std::array kAllProvenances{Provenance::kSource, Provenance::kExample};

/// The seven life elements 吃 住 行 游 购 娱 健, written in files as the single character.
enum class LifeElement { kEat, kDwell, kTravel, kTour, kShop, kEntertainment, kHealth };
inline constexpr std::array kAllLifeElements{
    LifeElement::kEat,  LifeElement::kDwell,         LifeElement::kTravel, LifeElement::kTour,
    LifeElement::kShop, LifeElement::kEntertainment, LifeElement::kHealth};

/// Which indicators a star threshold counts. 第十三条1 counts constraint indicators only,
/// 第十三条2 counts every indicator of the construction standard.
enum class CountWhat { kAll, kConstraint, kGuiding };
inline constexpr std::array kAllCountWhats{CountWhat::kAll, CountWhat::kConstraint,
                                           CountWhat::kGuiding};

/// A condition a star level needs besides its threshold: the long-term mechanism for updating
/// information resources (长效机制, 第十三条1) or the work playing its role well (作用发挥好,
/// 第十三条2).
enum class Condition { kMechanism, kEffective };
inline constexpr std::array kAllConditions{Condition::kMechanism, Condition::kEffective};

/// The lowest and highest star the measures know (一星级 … 五星级).
inline constexpr int kMinStar = 1;
inline constexpr int kMaxStar = 5;
/// A rating engine keeps an achieved set in a fixed bitset; a standard may not have more.
inline constexpr int kMaxIndicators = 512;
/// Codes are short words ("17", "1.1"); longer text is refused rather than echoed in messages.
inline constexpr std::size_t kMaxCodeLength = 32;

// One string mapping per enum: the word in files and the API, and the Chinese label.
const char* to_string(IndicatorKind kind);
const char* to_string(Provenance provenance);
const char* to_string(LifeElement element);
const char* to_string(CountWhat what);
const char* to_string(Condition condition);
std::optional<IndicatorKind> parse_indicator_kind(std::string_view text);
std::optional<Provenance> parse_provenance(std::string_view text);
std::optional<LifeElement> parse_life_element(std::string_view text);
std::optional<CountWhat> parse_count_what(std::string_view text);
std::optional<Condition> parse_condition(std::string_view text);
const char* indicator_kind_label(IndicatorKind kind);  // 约束性指标, …
const char* condition_label(Condition condition);      // 建立长效机制, 作用发挥好
/// ★★★ for 3; "" for 0.
std::string star_label(int star);

// The messages for a word no mapping knows, one wording for every importer (JSON, XLSX):
// 未知的指标类型 'foo'（可选：constraint、guiding、general）.
std::string unknown_indicator_kind_message(std::string_view text);
std::string unknown_provenance_message(std::string_view text);
std::string unknown_life_element_message(std::string_view text);
std::string unknown_count_what_message(std::string_view text);
std::string unknown_condition_message(std::string_view text);

struct Indicator {
    std::string code;  // unique within the standard, e.g. "17"
    std::string title;
    std::optional<std::string> description;
    IndicatorKind kind = IndicatorKind::kGeneral;
    std::optional<std::string> evidence_hint;  // what evidence a community should upload
    std::vector<LifeElement> life_elements;    // a set: file order kept, no repeats
    Provenance provenance = Provenance::kExample;

    friend bool operator==(const Indicator&, const Indicator&) = default;
};

/// 二级类别.
struct Subcategory {
    std::string code;
    std::string name;
    std::vector<Indicator> indicators;

    friend bool operator==(const Subcategory&, const Subcategory&) = default;
};

/// 一级类别.
struct Category {
    std::string code;
    std::string name;
    std::vector<Subcategory> subcategories;

    friend bool operator==(const Category&, const Category&) = default;
};

/// One star of the rules: `min` counted indicators, every condition in `conditions` (the file's
/// "requires"), and, when `current_star_in` is set, a current star among those listed
/// (第十三条2: ★★★★ only for communities already at ★★★).
struct StarLevel {
    int star = 0;
    int min = 0;
    std::vector<Condition> conditions;  // a set: no repeats
    std::optional<std::vector<int>> current_star_in;

    friend bool operator==(const StarLevel&, const StarLevel&) = default;
};

struct StarRules {
    CountWhat count = CountWhat::kAll;
    int max_star = kMaxStar;  // pilot rounds top out at ★★★ (第十三条1)
    std::vector<StarLevel> levels;

    friend bool operator==(const StarRules&, const StarRules&) = default;
};

/// Indicators per kind.
struct KindCounts {
    int total = 0;
    int constraint = 0;
    int guiding = 0;
    int general = 0;

    friend bool operator==(const KindCounts&, const KindCounts&) = default;
};

/// Whether rules that count `what` count an indicator of `kind`.
bool counts_toward(CountWhat what, IndicatorKind kind);

struct Standard {
    std::string id;       // e.g. bj-construction
    std::string name;     // 北京市智慧社区建设指导标准
    std::string version;  // a new version whenever a frozen standard changes
    std::string kind;     // "trial", "construction" or another word the city chooses
    std::string note;
    StarRules rules;
    std::vector<Category> categories;

    /// Same content, field by field (an import that changes nothing makes no new version).
    friend bool operator==(const Standard&, const Standard&) = default;

    /// The indicator with this code, or null. Linear: use a RatingEngine for many lookups.
    [[nodiscard]] const Indicator* find_indicator(std::string_view code) const;
    /// Every indicator in catalogue order.
    [[nodiscard]] std::vector<const Indicator*> indicators() const;
    [[nodiscard]] KindCounts count_by_kind() const;
    /// How many indicators the rules count (31 for the trial standard, 第十三条1).
    [[nodiscard]] int countable_total() const;
    /// True when any indicator is an example rather than the published text; such a standard
    /// must say so wherever it is shown (DESIGN.md §1).
    [[nodiscard]] bool has_example_provenance() const;
};

/// The sentence shown beside a standard that holds example indicators.
inline constexpr std::string_view kProvenanceNotice =
    "本标准含示例指标文本（provenance=example），正式认定前须由市社会办导入官方指标文本。";

}  // namespace hx::standards
