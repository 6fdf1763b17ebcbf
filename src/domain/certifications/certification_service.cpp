#include "domain/certifications/certification_service.hpp"

#include <algorithm>

#include "domain/audit/audit_service.hpp"
#include "domain/identity/identity_repository.hpp"

namespace hx::certifications {

namespace {

Result<Verification> load(Repositories& repos, const std::string& serial) {
    ASSIGN_OR_RETURN(auto certification, repos.certifications().find(serial));
    if (!certification) return fail(Error::not_found("证书编号 " + serial + " 不存在"));
    Verification out;
    out.certification = std::move(*certification);
    ASSIGN_OR_RETURN(out.sanctions, repos.certifications().sanctions(serial));
    return out;
}

Error serial_not_found(const std::string& serial) {
    return Error::not_found("证书编号 '" + serial.substr(0, 40) + "' 不存在（格式为 BJZHSQ-年份-星级-6位数字）");
}

}  // namespace

Result<Verification> CertificationService::verify(const std::string& serial) {
    if (!valid_serial(serial)) return fail(serial_not_found(serial));
    Verification out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, load(repos, serial));
        return ok();
    }));
    return out;
}

Result<regions::Page<Certification>> CertificationService::gallery(const CertificationFilter& filter,
                                                                   const regions::PageRequest& page) {
    RETURN_IF_ERROR(regions::validate_page(page, kMaxGalleryPageSize));
    if (filter.star && (*filter.star < 1 || *filter.star > 5)) {
        return fail(Error::invalid("invalid_request", "星级应为 1 到 5", {{"star", "应为 1 到 5"}}));
    }
    if (!filter.district_code.empty() && !regions::is_division_code(filter.district_code)) {
        return fail(Error::invalid("invalid_request", "区代码应为 6 位行政区划代码", {{"district", "不是区划代码"}}));
    }
    regions::Page<Certification> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, repos.certifications().list(filter, page));
        return ok();
    }));
    return out;
}

Result<CommunityRecord> CertificationService::community(const std::string& community_code) {
    CommunityRecord out;
    out.community_code = community_code;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto held, repos.certifications().of_community(community_code));
        for (const auto& c : held) {
            ASSIGN_OR_RETURN(auto v, load(repos, c.serial));
            out.certifications.push_back(std::move(v));
        }
        return ok();
    }));
    if (out.certifications.empty()) return fail(Error::not_found("社区 '" + community_code + "' 没有认定记录"));
    return out;
}

Result<std::vector<Certification>> CertificationService::of_round(std::int64_t round_id) {
    CertificationFilter filter;
    filter.round_id = round_id;
    std::vector<Certification> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        // A round names at most a few thousand communities: one page of the repository's limit.
        ASSIGN_OR_RETURN(auto page, repos.certifications().list(filter, {1, 10'000}));
        out = std::move(page.items);
        return ok();
    }));
    std::sort(out.begin(), out.end(), [](const Certification& a, const Certification& b) {
        if (a.star != b.star) return a.star > b.star;
        if (a.district_code != b.district_code) return a.district_code < b.district_code;
        return a.serial < b.serial;
    });
    return out;
}

Result<std::vector<SealPublicKey>> CertificationService::keys() {
    std::vector<SealPublicKey> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, repos.certifications().keys());
        return ok();
    }));
    return out;
}

Result<SanctionPolicy> sanction_policy(Repositories& repos) {
    ASSIGN_OR_RETURN(auto text, repos.settings().get(std::string(kSanctionPolicyKey)));
    if (!text) return SanctionPolicy{};
    return decode_policy(*text);
}

Result<SanctionPolicy> CertificationService::policy() {
    SanctionPolicy out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, sanction_policy(repos));
        return ok();
    }));
    return out;
}

Result<SanctionPolicy> CertificationService::set_policy(const identity::Actor& actor, const SanctionPolicy& policy) {
    if (policy.enabled.empty()) {
        return fail(Error::invalid("invalid_request", "至少启用一种处理方式", {{"enabled", "不能为空"}}));
    }
    if (policy.rectification_days < 7 || policy.rectification_days > 365) {
        return fail(Error::invalid("invalid_request", "默认整改期限应为 7 到 365 天", {{"rectification_days", "7 到 365"}}));
    }
    if (actor.role != identity::Role::kCitySocial) return fail(Error::forbidden("只有市社会办可以调整处理规则"));
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        RETURN_IF_ERROR(repos.settings().put(std::string(kSanctionPolicyKey), encode_policy(policy)));
        return audit::record(repos, clock_, actor,
                             {"sanction.policy", "settings:sanction_policy", audit::Outcome::kSuccess, encode_policy(policy)});
    }));
    return policy;
}

Status validate_sanction(const SanctionRequest& request) {
    if (request.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
        return fail(Error::invalid("invalid_request", "请写明处理理由（第二十条：根据情节轻重处理并通报）",
                                   {{"reason", "请填写理由"}}));
    }
    if (request.kind == SanctionKind::kRectification && !request.deadline) {
        return fail(Error::invalid("invalid_request", "限期整改须给出整改期限", {{"deadline", "请填写整改期限"}}));
    }
    if (request.kind != SanctionKind::kRectification && request.deadline) {
        return fail(Error::invalid("invalid_request", "只有限期整改有期限", {{"deadline", "仅限期整改填写"}}));
    }
    return ok();
}

Result<Verification> apply_sanction(Repositories& repos, const Clock& clock, const identity::Actor& actor,
                                    const std::string& serial, const SanctionRequest& request) {
    if (!valid_serial(serial)) return fail(serial_not_found(serial));
    ASSIGN_OR_RETURN(auto current, load(repos, serial));
    const auto status = current.certification.status;
    if (!active(status)) {
        return fail(Error::conflict("wrong_state", std::string("证书当前状态为“") + status_label(status) + "”，不能再处理"));
    }
    ASSIGN_OR_RETURN(const auto policy, sanction_policy(repos));
    if (std::find(policy.enabled.begin(), policy.enabled.end(), request.kind) == policy.enabled.end()) {
        return fail(Error::rule("sanction_disabled", std::string("市级部门的处理规则未启用“") + sanction_label(request.kind) + "”"));
    }
    // The ladder may demand that a revocation follow a rectification that failed.
    if (request.kind == SanctionKind::kRevocation && policy.revocation_requires_rectification &&
        status != CertificationStatus::kUnderRectification) {
        return fail(Error::rule("rectification_first", "按现行处理规则，撤销称号须在限期整改未通过之后"));
    }
    const auto now = clock.now();
    if (request.deadline && *request.deadline <= now) return fail(Error::rule("deadline_passed", "整改期限须晚于现在"));
    Sanction s{0, serial, request.kind, request.reason, request.deadline, actor.username, now};
    RETURN_IF_ERROR(repos.certifications().add_sanction(s));
    if (request.kind == SanctionKind::kRectification) {
        RETURN_IF_ERROR(repos.certifications().set_status(serial, CertificationStatus::kUnderRectification, "", now));
    } else if (request.kind == SanctionKind::kRevocation) {
        RETURN_IF_ERROR(repos.certifications().set_status(serial, CertificationStatus::kRevoked, "", now));
    }
    RETURN_IF_ERROR(audit::record(repos, clock, actor,
                                  {std::string("certification.") + to_string(request.kind), "certification:" + serial,
                                   audit::Outcome::kSuccess, request.reason.substr(0, 200)}));
    return load(repos, serial);
}

Result<Verification> CertificationService::sanction(const identity::Actor& actor, const std::string& serial,
                                                    const SanctionRequest& request) {
    RETURN_IF_ERROR(validate_sanction(request));
    if (actor.role != identity::Role::kCitySocial) {
        return fail(Error::forbidden("只有市社会办可以作出批评、警告、限期整改或撤销称号的处理"));
    }
    if (!valid_serial(serial)) return fail(serial_not_found(serial));
    Verification out;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, apply_sanction(repos, clock_, actor, serial, request));
        return ok();
    }));
    return out;
}

}  // namespace hx::certifications
