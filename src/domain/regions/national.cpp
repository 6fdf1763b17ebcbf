#include "domain/regions/national.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace hx::regions {

namespace {

struct Province {
    const char* code;
    const char* name;
};

// GB/T 2260 provincial-level units.
constexpr std::array<Province, 34> kProvinces = {{
    {"11", "北京市"}, {"12", "天津市"}, {"13", "河北省"}, {"14", "山西省"},
    {"15", "内蒙古自治区"}, {"21", "辽宁省"}, {"22", "吉林省"}, {"23", "黑龙江省"},
    {"31", "上海市"}, {"32", "江苏省"}, {"33", "浙江省"}, {"34", "安徽省"},
    {"35", "福建省"}, {"36", "江西省"}, {"37", "山东省"}, {"41", "河南省"},
    {"42", "湖北省"}, {"43", "湖南省"}, {"44", "广东省"}, {"45", "广西壮族自治区"},
    {"46", "海南省"}, {"50", "重庆市"}, {"51", "四川省"}, {"52", "贵州省"},
    {"53", "云南省"}, {"54", "西藏自治区"}, {"61", "陕西省"}, {"62", "甘肃省"},
    {"63", "青海省"}, {"64", "宁夏回族自治区"}, {"65", "新疆维吾尔自治区"}, {"71", "台湾省"},
    {"81", "香港特别行政区"}, {"82", "澳门特别行政区"},
}};

const std::vector<std::string> kColumns = {"community_code", "community_name", "street_code",
                                           "street_name",    "district_code",  "district_name",
                                           "province_code"};
constexpr std::size_t kMaxProblems = 200;

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}


class Builder {
public:
    /// One row's fields (moved from: the caller refills them). `line` names the row in a
    /// problem; that text is built only when there is one (it cost a fifth of the parse per row).
    void row(std::vector<std::string>& f, std::int64_t line) {
        const auto where = [line](const char* column = nullptr) {
            std::string text = "line " + std::to_string(line);
            if (column != nullptr) text += std::string(": ") + column;
            return text;
        };
        const auto before = problems_.size();
        const std::string& community = f[0];
        const std::string& street = f[2];
        const std::string& district = f[4];
        const std::string& province = f[6];
        if (province.size() != 2 || province_name(province) == nullptr) {
            problem(where("province_code"), "省级代码 '" + province + "' 无效");
        }
        if (level_of_code(district) != Level::kDistrict || district.compare(0, 2, province) != 0) {
            problem(where("district_code"),
                    "区县代码 '" + district + "' 无效或不属于省级代码 '" + province + "'");
        }
        if (street.size() != 9 || !is_division_code(street) || street.compare(0, 6, district) != 0) {
            problem(where("street_code"),
                    "街道代码 '" + street + "' 无效或不属于区县 '" + district + "'");
        }
        if (community.size() != 12 || !is_division_code(community) ||
            community.compare(0, 9, street) != 0) {
            problem(where("community_code"),
                    "社区代码 '" + community + "' 无效或不属于街道 '" + street + "'");
        }
        for (std::size_t name_column : {1U, 3U, 5U}) {
            if (f[name_column].empty()) problem(where(kColumns[name_column].c_str()), "名称不能为空");
        }
        if (problems_.size() != before) return;
        if (!seen_.insert(std::stoull(community)).second) {
            problem(where("community_code"), "社区代码 '" + community + "' 重复");
            return;
        }
        if (province != last_province_) {
            last_province_ = province;
            const std::string province_code = province + "0000";
            if (provinces_.find(province_code) == provinces_.end()) {
                provinces_.emplace(province_code, Region{province_code, province_name(province),
                                                         Level::kCity, "", "", false, 0});
            }
        }
        // The file is grouped by district and street: only a change of either looks them up.
        if (district != last_district_ || districts_[district_index_[district]].name != f[5]) {
            add(districts_, district_index_, district, f[5], Level::kDistrict, province + "0000",
                where);
            last_district_ = district;
        }
        if (street != last_street_ || streets_[street_index_[street]].name != f[3]) {
            add(streets_, street_index_, street, f[3], Level::kStreet, district, where);
            last_street_ = street;
        }
        std::string kind = community_kind(f[1]);
        communities_.push_back(Region{std::move(f[0]), std::move(f[1]), Level::kCommunity,
                                      std::move(f[2]), std::move(kind), false, 0});
    }

    void problem(std::string where, std::string message) {
        ++problem_count_;
        if (problems_.size() < kMaxProblems) problems_.push_back({std::move(where), std::move(message)});
    }

    [[nodiscard]] bool failed() const { return problem_count_ > 0; }
    [[nodiscard]] std::size_t problem_count() const { return problem_count_; }
    std::vector<FieldError> take_problems() { return std::move(problems_); }
    [[nodiscard]] bool empty() const { return communities_.empty(); }

    /// Provinces, districts, streets, communities; each level in code order.
    std::vector<Region> take_nodes() {
        std::vector<Region> out;
        out.reserve(provinces_.size() + districts_.size() + streets_.size() + communities_.size());
        for (auto& [code, node] : provinces_) out.push_back(std::move(node));
        std::sort(out.begin(), out.end(), by_code);
        for (auto* level : {&districts_, &streets_, &communities_}) {
            if (!std::is_sorted(level->begin(), level->end(), by_code)) {
                std::sort(level->begin(), level->end(), by_code);
            }
            std::move(level->begin(), level->end(), std::back_inserter(out));
        }
        return out;
    }

private:
    static bool by_code(const Region& a, const Region& b) { return a.code < b.code; }

    template <typename Where>
    void add(std::vector<Region>& level, std::unordered_map<std::string, std::size_t>& index,
             const std::string& code, const std::string& name, Level kind,
             const std::string& parent, const Where& where) {
        auto [it, inserted] = index.try_emplace(code, level.size());
        if (inserted) {
            level.push_back(Region{code, name, kind, parent, "", false, 0});
            return;
        }
        const Region& known = level[it->second];
        if (known.name != name) {
            problem(where(), "代码 '" + code + "' 在前面的行中名称不同（'" + known.name + "'）");
        }
    }

    std::unordered_map<std::string, Region> provinces_;
    std::vector<Region> districts_;
    std::vector<Region> streets_;
    std::vector<Region> communities_;
    std::unordered_map<std::string, std::size_t> district_index_;
    std::unordered_map<std::string, std::size_t> street_index_;
    std::unordered_set<std::uint64_t> seen_;
    std::string last_province_;
    std::string last_district_;
    std::string last_street_;
    std::vector<FieldError> problems_;
    std::size_t problem_count_ = 0;
};

}  // namespace

void split_csv_line(const std::string& line, std::vector<std::string>& fields) {
    std::size_t count = 0;
    const auto next_field = [&]() -> std::string& {
        if (count == fields.size()) fields.emplace_back();
        std::string& field = fields[count++];
        field.clear();
        return field;
    };
    std::string* field = &next_field();
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                field->push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field->push_back(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            field = &next_field();
        } else if (c != '\r') {
            field->push_back(c);
        }
    }
    fields.resize(count);
}

std::vector<std::string> split_csv_line(const std::string& line) {
    std::vector<std::string> fields;
    split_csv_line(line, fields);
    return fields;
}

const char* province_name(std::string_view two_digits) {
    for (const auto& p : kProvinces) {
        if (two_digits == p.code) return p.name;
    }
    return nullptr;
}

std::string community_kind(std::string_view name) {
    if (ends_with(name, "居委会") || ends_with(name, "居民委员会")) return "居委会";
    if (ends_with(name, "村委会") || ends_with(name, "村民委员会")) return "村委会";
    return "其他";
}

Result<std::vector<Region>> parse_national_csv(std::istream& in) {
    std::string line;
    if (!std::getline(in, line)) {
        return fail(Error::invalid("invalid_csv", "文件为空", {{"line 1", "缺少表头"}}));
    }
    if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);  // BOM
    if (split_csv_line(line) != kColumns) {
        return fail(Error::invalid(
            "invalid_csv", "表头不符合要求",
            {{"line 1", "表头须为 community_code,community_name,street_code,street_name,"
                        "district_code,district_name,province_code"}}));
    }
    Builder builder;
    std::int64_t line_number = 1;
    std::vector<std::string> fields;  // reused: a row costs no allocation but its nodes'
    while (std::getline(in, line)) {
        ++line_number;
        if (line.empty() || line == "\r") continue;
        split_csv_line(line, fields);
        if (fields.size() != kColumns.size()) {
            builder.problem("line " + std::to_string(line_number),
                            "应有 " + std::to_string(kColumns.size()) + " 列，实有 " +
                                std::to_string(fields.size()) + " 列");
            continue;
        }
        builder.row(fields, line_number);
    }
    if (!builder.failed() && builder.empty()) builder.problem("line 2", "文件中没有任何社区");
    if (builder.failed()) {
        const auto count = builder.problem_count();
        std::string title = "全国区划文件有 " + std::to_string(count) + " 处错误，未导入任何数据";
        if (count > kMaxProblems) title += "（只列出前 " + std::to_string(kMaxProblems) + " 处）";
        return fail(Error::invalid("invalid_csv", title, builder.take_problems()));
    }
    return builder.take_nodes();
}

}  // namespace hx::regions
