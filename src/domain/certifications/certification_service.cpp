#include "domain/certifications/certification_service.hpp"

#include "domain/audit/audit_service.hpp"

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

Result<std::vector<SealPublicKey>> CertificationService::keys() {
    std::vector<SealPublicKey> out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out, repos.certifications().keys());
        return ok();
    }));
    return out;
}

Result<Verification> CertificationService::sanction(const identity::Actor& actor, const std::string& serial,
                                                    const SanctionRequest& request) {
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
    if (actor.role != identity::Role::kCitySocial) {
        return fail(Error::forbidden("只有市社会办可以作出批评、警告、限期整改或撤销称号的处理"));
    }
    if (!valid_serial(serial)) return fail(serial_not_found(serial));
    Verification out;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto current, load(repos, serial));
        const auto status = current.certification.status;
        if (!active(status)) {
            return fail(Error::conflict("wrong_state", std::string("证书当前状态为“") + status_label(status) + "”，不能再处理"));
        }
        const auto now = clock_.now();
        if (request.deadline && *request.deadline <= now) {
            return fail(Error::rule("deadline_passed", "整改期限须晚于现在"));
        }
        Sanction s{0, serial, request.kind, request.reason, request.deadline, actor.username, now};
        RETURN_IF_ERROR(repos.certifications().add_sanction(s));
        if (request.kind == SanctionKind::kRectification) {
            RETURN_IF_ERROR(repos.certifications().set_status(serial, CertificationStatus::kUnderRectification, "", now));
        } else if (request.kind == SanctionKind::kRevocation) {
            RETURN_IF_ERROR(repos.certifications().set_status(serial, CertificationStatus::kRevoked, "", now));
        }
        RETURN_IF_ERROR(audit::record(repos, clock_, actor,
                                      {std::string("certification.") + to_string(request.kind),
                                       "certification:" + serial, audit::Outcome::kSuccess, request.reason.substr(0, 200)}));
        ASSIGN_OR_RETURN(out, load(repos, serial));
        return ok();
    }));
    return out;
}

}  // namespace hx::certifications
