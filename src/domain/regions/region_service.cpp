#include "domain/regions/region_service.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "domain/audit/audit_service.hpp"
#include "domain/regions/national.hpp"
#include "domain/regions/region_repository.hpp"

namespace hx::regions {

namespace {

constexpr const char* kCityCode = "110000";

/// Reference data (the tree) is readable by every role; the administrators (三员) see it
/// whole so that they can bind users to nodes, but no business data hangs off it for them.
std::string read_scope(const identity::Actor& actor) {
    if (identity::is_administrator(actor.role)) return scope_prefix(kCityCode);
    return actor.scope();
}

/// The child of `ancestor` that lies on the way down to `descendant`.
std::string child_on_path(const std::string& ancestor, const std::string& descendant) {
    if (ancestor.size() == 6 && ancestor.compare(2, 4, "0000") == 0) return descendant.substr(0, 6);
    if (ancestor.size() == 6) return descendant.substr(0, 9);
    return descendant.substr(0, 12);
}

std::vector<std::string> ancestor_codes(const std::string& code) {
    std::vector<std::string> out{kCityCode};
    if (code.size() >= 9) out.push_back(code.substr(0, 6));
    if (code.size() == 12) out.push_back(code.substr(0, 9));
    return out;
}

}  // namespace

Result<std::vector<Region>> parse_divisions_csv(std::istream& in) {
    static const std::vector<std::string> kColumns = {
        "district_code", "district_name", "street_code", "street_name",
        "community_code", "community_name", "kind"};
    std::string line;
    if (!std::getline(in, line)) {
        return fail(Error::invalid("invalid_csv", "文件为空", {{"line 1", "缺少表头"}}));
    }
    if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);  // BOM
    const auto header = split_csv_line(line);
    const bool has_pilot = header.size() == 8 && header[7] == "pilot";
    if (!std::equal(kColumns.begin(), kColumns.end(), header.begin(),
                    header.begin() + static_cast<std::ptrdiff_t>(std::min(header.size(), kColumns.size()))) ||
        header.size() < kColumns.size() || (header.size() > 7 && !has_pilot)) {
        return fail(Error::invalid(
            "invalid_csv", "表头不符合要求",
            {{"line 1", "表头须为 district_code,district_name,street_code,street_name,"
                        "community_code,community_name,kind[,pilot]"}}));
    }

    std::vector<FieldError> problems;
    std::map<std::string, Region> nodes;
    std::map<std::string, std::string> names;  // code → name, for consistency checks
    nodes[kCityCode] = Region{kCityCode, "北京市", Level::kCity, "", "", false, 0};
    std::int64_t line_number = 1;
    auto add = [&](const std::string& code, const std::string& name, Level level,
                   const std::string& parent, const std::string& where) {
        auto [it, inserted] = nodes.try_emplace(code, Region{code, name, level, parent, "", false, 0});
        if (!inserted && (it->second.name != name || it->second.parent_code != parent)) {
            problems.push_back({where, "代码 '" + code + "' 在前面的行中名称或上级不同（'" +
                                           it->second.name + "'）"});
        }
        return it;
    };
    std::set<std::string> seen_communities;
    while (std::getline(in, line)) {
        ++line_number;
        if (line.empty() || line == "\r") continue;
        const auto f = split_csv_line(line);
        const std::string where = "line " + std::to_string(line_number);
        if (f.size() != header.size()) {
            problems.push_back({where, "应有 " + std::to_string(header.size()) + " 列，实有 " +
                                           std::to_string(f.size()) + " 列"});
            continue;
        }
        const auto before = problems.size();
        if (level_of_code(f[0]) != Level::kDistrict || f[0].compare(0, 2, "11") != 0) {
            problems.push_back({where + ": district_code", "区县代码 '" + f[0] + "' 无效"});
        }
        if (f[2].size() != 9 || !is_division_code(f[2]) || f[2].compare(0, 6, f[0]) != 0) {
            problems.push_back({where + ": street_code", "街道代码 '" + f[2] + "' 无效或不属于区县 '" + f[0] + "'"});
        }
        if (f[4].size() != 12 || !is_division_code(f[4]) || f[4].compare(0, 9, f[2]) != 0) {
            problems.push_back({where + ": community_code", "社区代码 '" + f[4] + "' 无效或不属于街道 '" + f[2] + "'"});
        }
        for (std::size_t name_column : {1U, 3U, 5U}) {
            if (f[name_column].empty()) {
                problems.push_back({where + ": " + kColumns[name_column], "名称不能为空"});
            }
        }
        std::optional<bool> pilot;
        if (has_pilot) {
            if (f[7] == "1" || f[7] == "true") pilot = true;
            else if (f[7] == "0" || f[7] == "false" || f[7].empty()) pilot = false;
            else problems.push_back({where + ": pilot", "pilot 列须为 0 或 1，实为 '" + f[7] + "'"});
        }
        if (!seen_communities.insert(f[4]).second) {
            problems.push_back({where + ": community_code", "社区代码 '" + f[4] + "' 重复"});
        }
        if (problems.size() != before) continue;
        add(f[0], f[1], Level::kDistrict, kCityCode, where);
        add(f[2], f[3], Level::kStreet, f[0], where);
        auto community = add(f[4], f[5], Level::kCommunity, f[2], where);
        community->second.kind = f[6];
        community->second.pilot = pilot.value_or(false);
    }
    if (seen_communities.empty() && problems.empty()) {
        problems.push_back({"line 2", "文件中没有任何社区"});
    }
    if (!problems.empty()) {
        if (problems.size() > 200) problems.resize(200);
        return fail(Error::invalid("invalid_csv", "区划文件有错误，未导入任何数据",
                                   std::move(problems)));
    }
    std::vector<Region> out;
    out.reserve(nodes.size());
    // Parents before children: the city, then districts, streets, communities (codes sort so
    // within a level; levels are ordered explicitly).
    for (auto level : {Level::kCity, Level::kDistrict, Level::kStreet, Level::kCommunity}) {
        for (auto& [code, node] : nodes) {
            if (node.level == level) out.push_back(node);
        }
    }
    return out;
}

Result<TreeCounts> RegionService::counts() {
    TreeCounts out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out.districts, repos.regions().count(Level::kDistrict));
        ASSIGN_OR_RETURN(out.streets, repos.regions().count(Level::kStreet));
        ASSIGN_OR_RETURN(out.communities, repos.regions().count(Level::kCommunity));
        return ok();
    }));
    return out;
}

Result<std::vector<Region>> RegionService::public_districts() {
    std::vector<Region> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, repos.regions().districts(scope_prefix("110000")));
        return ok();
    }));
    return out;
}

Result<std::vector<Region>> RegionService::districts(const identity::Actor& actor) {
    std::vector<Region> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, repos.regions().districts(read_scope(actor)));
        return ok();
    }));
    // Below district level the caller sees one street (or community) of its district.
    if (actor.org_code.size() > 6) {
        for (auto& d : out) d.children_count = 1;
    }
    return out;
}

Result<NodeView> RegionService::node(const identity::Actor& actor, const std::string& code,
                                     const std::string& name_query, const PageRequest& page) {
    if (!is_division_code(code)) {
        return fail(Error::invalid("invalid_code", "区划代码 '" + code + "' 格式不正确",
                                   {{"code", "区划代码应为 6、9 或 12 位数字"}}));
    }
    RETURN_IF_ERROR(validate_page(page));
    NodeView view;
    bool found = false;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto region, repos.regions().find(code, read_scope(actor), actor.org_code));
        if (!region) return ok();
        found = true;
        view.region = *region;
        if (region->level != Level::kCity) {
            ASSIGN_OR_RETURN(view.ancestors, repos.regions().find_many(ancestor_codes(code)));
        }
        const auto scope = read_scope(actor);
        if (scope.size() > code.size() && scope.compare(0, code.size(), code) == 0) {
            // A node above the caller's own: its only visible child is the one on the way
            // down to the caller's node (a community worker's street under its district).
            const auto child = child_on_path(code, actor.org_code);
            ASSIGN_OR_RETURN(auto items, repos.regions().find_many({child}));
            if (!name_query.empty()) {
                std::erase_if(items, [&](const Region& r) { return r.name.find(name_query) == std::string::npos; });
            }
            view.children.total = static_cast<std::int64_t>(items.size());
            if (page.page == 1) view.children.items = std::move(items);
            return ok();
        }
        ASSIGN_OR_RETURN(view.children, repos.regions().children(code, scope, name_query, page));
        return ok();
    }));
    if (!found) return fail(Error::not_found("区划 '" + code + "' 不存在或不在您的管辖范围内"));
    return view;
}

Result<CommunityView> RegionService::community(const identity::Actor& actor,
                                               const std::string& code) {
    if (code.size() != 12 || !is_division_code(code)) {
        return fail(Error::invalid("invalid_code", "社区代码 '" + code + "' 格式不正确",
                                   {{"code", "社区代码应为 12 位数字"}}));
    }
    CommunityView view;
    bool found = false;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto region, repos.regions().find(code, read_scope(actor), actor.org_code));
        if (!region || region->level != Level::kCommunity) return ok();
        ASSIGN_OR_RETURN(auto parents, repos.regions().find_many({code.substr(0, 6), code.substr(0, 9)}));
        for (auto& parent : parents) {
            if (parent.level == Level::kDistrict) view.district = parent;
            if (parent.level == Level::kStreet) view.street = parent;
        }
        view.community = *region;
        found = true;
        return ok();
    }));
    if (!found) return fail(Error::not_found("社区 '" + code + "' 不存在或不在您的管辖范围内"));
    return view;
}

Result<Page<SearchHit>> RegionService::search(const identity::Actor& actor,
                                              const std::string& name_query,
                                              std::optional<Level> level, PilotFilter pilot,
                                              const PageRequest& page) {
    RETURN_IF_ERROR(validate_page(page));
    if (name_query.empty() && pilot == PilotFilter::kAny) {
        return fail(Error::invalid("invalid_query", "请输入要查找的名称", {{"q", "不能为空"}}));
    }
    Page<SearchHit> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto found, repos.regions().search(read_scope(actor), name_query, level, pilot, page));
        out.total = found.total;
        // Every hit's ancestors in one query, for the breadcrumb of each result.
        std::vector<std::string> codes;
        for (const auto& r : found.items) {
            if (r.level == Level::kCity) continue;
            for (auto& code : ancestor_codes(r.code)) codes.push_back(std::move(code));
        }
        std::sort(codes.begin(), codes.end());
        codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
        ASSIGN_OR_RETURN(auto ancestors, repos.regions().find_many(codes));
        std::map<std::string, Region> by_code;
        for (auto& a : ancestors) by_code.emplace(a.code, std::move(a));
        for (auto& r : found.items) {
            SearchHit hit{std::move(r), {}};
            if (hit.region.level != Level::kCity) {
                for (const auto& code : ancestor_codes(hit.region.code)) {
                    if (const auto it = by_code.find(code); it != by_code.end()) hit.path.push_back(it->second);
                }
            }
            out.items.push_back(std::move(hit));
        }
        return ok();
    }));
    return out;
}

Result<Region> RegionService::set_pilot(const identity::Actor& actor, const std::string& code,
                                        bool pilot) {
    if (actor.role != identity::Role::kCitySocial) {
        return fail(Error::forbidden("只有市社会办可以设定试点社区"));
    }
    Region out;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto region, repos.regions().find(code, actor.scope(), actor.org_code));
        if (!region || region->level != Level::kCommunity) {
            return fail(Error::not_found("社区 '" + code + "' 不存在"));
        }
        RETURN_IF_ERROR(repos.regions().set_pilot(code, pilot));
        region->pilot = pilot;
        out = *region;
        return audit::record(repos, clock_, actor,
                             {"community.pilot", "community:" + code, audit::Outcome::kSuccess,
                              pilot ? "pilot" : "not pilot"});
    }));
    return out;
}

namespace {

ImportSummary summarise(const std::vector<Region>& nodes) {
    ImportSummary summary;
    for (const auto& node : nodes) {
        if (node.level == Level::kCity) ++summary.provinces;
        if (node.level == Level::kDistrict) ++summary.districts;
        if (node.level == Level::kStreet) ++summary.streets;
        if (node.level == Level::kCommunity) ++summary.communities;
        if (node.pilot) ++summary.pilots;
    }
    return summary;
}

std::string audit_detail(const ImportSummary& summary) {
    std::ostringstream detail;
    detail << summary.districts << " districts, " << summary.streets << " streets, "
           << summary.communities << " communities";
    return detail.str();
}

}  // namespace

Result<ImportSummary> RegionService::import(const identity::Actor& actor,
                                            const std::vector<Region>& nodes) {
    const auto summary = summarise(nodes);
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        RETURN_IF_ERROR(repos.regions().upsert(nodes));
        return audit::record(repos, clock_, actor,
                             {"regions.import", "regions", audit::Outcome::kSuccess,
                              audit_detail(summary)});
    }));
    return summary;
}

Result<ImportSummary> RegionService::import_national(const identity::Actor& actor,
                                                     std::vector<Region> nodes) {
    const auto summary = summarise(nodes);
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(const auto existing, repos.regions().count_all());
        if (existing > 1) {
            return fail(Error::invalid(
                "tree_not_empty", "全国区划只能导入到新建的数据库",
                {{"db", "该数据库已有 " + std::to_string(existing) +
                            " 个区划节点；请用 --db 指定一个新的数据库文件"}}));
        }
        // Every database starts with the root 110000 北京市 (migration 0001), which the national
        // tree holds as one of its provinces: keep the row that is there.
        ASSIGN_OR_RETURN(const auto root, repos.regions().find_many({kCityCode}));
        if (!root.empty()) {
            std::erase_if(nodes, [](const Region& r) { return r.code == kCityCode; });
        }
        RETURN_IF_ERROR(repos.regions().bulk_insert(nodes));
        return audit::record(repos, clock_, actor,
                             {"regions.import_national", "regions", audit::Outcome::kSuccess,
                              std::to_string(summary.provinces) + " provinces, " +
                                  audit_detail(summary)});
    }));
    return summary;
}

}  // namespace hx::regions
