// The notice, the public's comments, spot checks and finalize (第十四条3, 第十五条); the
// certifications' public API and sanctions (第二十条). Each handler parses, calls one service
// method and maps the result; the rules live in src/domain/notice and src/domain/certifications.
#include "http/dto/notice.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"
#include "http/multipart.hpp"

namespace hx::http::handlers {

namespace {

identity::Origin origin_of(const Request& request) { return {request.client_addr, request.request_id}; }

std::optional<int> star_field(JsonBody& body) {
    const auto star = body.optional_int("star");
    if (!star) return std::nullopt;
    if (*star < 0 || *star > 5) {
        body.problem("star", "星级应为 0（撤销拟认定）到 5");
        return std::nullopt;
    }
    return static_cast<int>(*star);
}

Response spot_checks_response(const Result<std::vector<notice::SpotCheck>>& checks, const Request& request) {
    return respond(checks, request, [](const std::vector<notice::SpotCheck>& all) {
        auto items = nlohmann::json::array();
        for (const auto& c : all) items.push_back(dto::spot_check_json(c));
        return nlohmann::json{{"items", std::move(items)}};
    });
}

}  // namespace

Response publish_notice(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    return respond(context.services.notice.publish(context.actor(), *id), request, dto::notice_json);
}

Response public_notice_json(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    return respond(context.services.notice.public_notice(*id), request, dto::notice_json);
}

Response public_notices_json(const Request& request, Context& context) {
    return respond(context.services.notice.public_notices(), request, [](const std::vector<notice::NoticeView>& all) {
        auto items = nlohmann::json::array();
        for (const auto& v : all) {
            auto one = dto::notice_json(v);
            one["count"] = v.items.size();
            one.erase("items");
            one.erase("spot_check");
            items.push_back(std::move(one));
        }
        return nlohmann::json{{"items", std::move(items)}};
    });
}

Response send_phone_code(const Request& request, Context& context) {
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    const auto phone = body->required_string("phone");
    if (auto status = body->finish("请填写手机号码"); !status) return error_response(status.error(), request);
    auto sent = context.services.notice.send_phone_code(origin_of(request), phone);
    if (!sent) return error_response(sent.error(), request);
    nlohmann::json out{{"phone", sent->masked}, {"expires_in", sent->expires_in_seconds}};
    // Only a server started with --test-clock hands the code back (for tests); never in service.
    if (context.services.test_clock != nullptr) out["test_code"] = sent->code;
    return json_response(out, 202);
}

Response post_comment(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    notice::CommentRequest comment;
    comment.community_code = body->required_string("community_code");
    comment.content = body->required_string("content");
    comment.name = body->optional_string("name").value_or("");
    comment.phone = body->optional_string("phone").value_or("");
    comment.phone_code = body->optional_string("phone_code").value_or("");
    comment.honeypot = body->optional_string("website").value_or("");
    if (auto status = body->finish("评议内容不完整"); !status) return error_response(status.error(), request);
    auto created = context.services.notice.comment(origin_of(request), *id, comment);
    if (!created) return error_response(created.error(), request);
    return json_response({{"id", *created}, {"message", "评议已收到，将由市级部门核实处理"}}, 201);
}

Response list_comments(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    return respond(context.services.notice.comments(context.actor(), *id), request,
                   [](const std::vector<notice::Comment>& all) {
                       auto items = nlohmann::json::array();
                       for (const auto& c : all) items.push_back(dto::comment_json(c));
                       return nlohmann::json{{"items", std::move(items)}};
                   });
}

Response moderate_comment(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    const auto word = body->required_string("moderation");
    const auto moderation = notice::parse_moderation(word);
    if (!word.empty() && (!moderation || *moderation == notice::Moderation::kPending)) {
        body->problem("moderation", "应为 accepted（有效）或 spam（无效信息）");
    }
    if (auto status = body->finish(); !status) return error_response(status.error(), request);
    return respond(context.services.notice.moderate(context.actor(), *id, *moderation), request, dto::comment_json);
}

Response dispose_comment(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    notice::DispositionRequest disposition;
    const auto word = body->required_string("result");
    const auto result = notice::parse_disposition(word);
    if (!word.empty() && !result) body->problem("result", "应为 upheld（属实）或 dismissed（不属实）");
    disposition.response = body->required_string("response");
    disposition.star = star_field(*body);
    if (auto status = body->finish("答复内容不完整"); !status) return error_response(status.error(), request);
    disposition.result = *result;
    return respond(context.services.notice.dispose(context.actor(), *id, disposition), request, dto::comment_json);
}

Response commit_spot_checks(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    const auto digest = body->required_string("seed_sha256");
    if (auto status = body->finish(); !status) return error_response(status.error(), request);
    return respond(context.services.notice.commit(context.actor(), *id, digest), request, dto::commitment_json, 201);
}

Response draw_spot_checks(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    const auto draw = dto::read_draw_request(*body);
    if (auto status = body->finish(); !status) return error_response(status.error(), request);
    return respond(context.services.notice.draw(context.actor(), *id, draw), request,
                   [](const notice::Draw& d) {
                       auto items = nlohmann::json::array();
                       for (const auto& c : d.checks) items.push_back(dto::spot_check_json(c));
                       return nlohmann::json{{"seed", d.commitment.seed.value_or("")},
                                             {"seed_sha256", d.commitment.seed_sha256},
                                             {"items", std::move(items)}};
                   },
                   201);
}

Response list_spot_checks(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    return spot_checks_response(context.services.notice.spot_checks(context.actor(), *id), request);
}

Response record_spot_check(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    notice::SpotCheckResult result;
    const auto passed = body->optional_bool("passed");
    if (!passed) body->problem("passed", "缺少必填字段（true 通过，false 未通过）");
    result.findings = body->optional_string("findings").value_or("");
    result.star = star_field(*body);
    if (auto status = body->finish("抽查结果不完整"); !status) return error_response(status.error(), request);
    result.passed = *passed;
    return respond(context.services.notice.record_result(context.actor(), *id, result), request,
                   dto::spot_check_json);
}

Response upload_spot_check_photo(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    const auto boundary = multipart_boundary(request.header("content-type"));
    if (!boundary) {
        return error_response(Error::invalid("invalid_multipart", "请以 multipart/form-data 上传照片（字段 file）"), request);
    }
    auto parts = parse_multipart(request.body, *boundary);
    if (!parts) return error_response(parts.error(), request);
    for (auto& part : *parts) {
        if (part.name == "file" && part.file_name) {
            return respond(context.services.notice.add_photo(context.actor(), *id, *part.file_name, part.data), request,
                           dto::photo_json, 201);
        }
    }
    return error_response(Error::invalid("invalid_request", "缺少上传的照片", {{"file", "缺少文件"}}), request);
}

Response list_spot_check_photos(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    return respond(context.services.notice.photos(context.actor(), *id), request,
                   [](const std::vector<notice::SpotCheckPhoto>& all) {
                       auto items = nlohmann::json::array();
                       for (const auto& p : all) items.push_back(dto::photo_json(p));
                       return nlohmann::json{{"items", std::move(items)}};
                   });
}

Response download_spot_check_photo(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    auto photo_id = id_param(request, "photo_id");
    if (!photo_id) return error_response(photo_id.error(), request);
    auto file = context.services.notice.photo_file(context.actor(), *id, *photo_id);
    if (!file) return error_response(file.error(), request);
    return attachment(file->first.content_type, std::move(file->second), "spot-check-photo-" + std::to_string(*photo_id));
}

Response finalize_round(const Request& request, Context& context) {
    auto id = id_param(request, "id");
    if (!id) return error_response(id.error(), request);
    return respond(context.services.notice.finalize(context.actor(), *id), request,
                   [](const std::vector<notice::Certified>& all) {
                       auto items = nlohmann::json::array();
                       for (const auto& c : all) {
                           items.push_back({{"community_code", c.community_code},
                                            {"community_name", c.community_name},
                                            {"star", c.star},
                                            {"serial", c.serial}});
                       }
                       return nlohmann::json{{"certified", std::move(items)}};
                   });
}

// ---- Certifications ---------------------------------------------------------------------------

Response verify_json(const Request& request, Context& context) {
    return respond(context.services.certifications.verify(request.param("serial")), request, dto::verification_json);
}

Response public_keys(const Request& request, Context& context) {
    return respond(context.services.certifications.keys(), request,
                   [](const std::vector<certifications::SealPublicKey>& all) {
                       auto keys = nlohmann::json::array();
                       for (const auto& k : all) {
                           keys.push_back({{"key_id", k.key_id},
                                           {"algorithm", "SM2-SM3"},
                                           {"sm2_user_id", "1234567812345678"},
                                           {"public_key_pem", k.public_pem},
                                           {"created_at", format_rfc3339(k.created_at)}});
                       }
                       return nlohmann::json{{"keys", std::move(keys)}};
                   });
}

Response public_certifications(const Request& request, Context& context) {
    regions::PageRequest page{1, 50};
    auto filter = dto::gallery_filter(request, page);
    if (!filter) return error_response(filter.error(), request);
    return respond(context.services.certifications.gallery(*filter, page), request,
                   [&](const regions::Page<certifications::Certification>& result) {
                       auto items = nlohmann::json::array();
                       for (const auto& c : result.items) items.push_back(dto::certification_summary_json(c));
                       return nlohmann::json{{"total", result.total},
                                             {"page", page.page},
                                             {"page_size", page.page_size},
                                             {"items", std::move(items)}};
                   });
}

Response add_sanction(const Request& request, Context& context) {
    auto body = JsonBody::parse(request);
    if (!body) return error_response(body.error(), request);
    certifications::SanctionRequest sanction;
    const auto word = body->required_string("kind");
    const auto kind = certifications::parse_sanction_kind(word);
    if (!word.empty() && !kind) body->problem("kind", "应为 criticism、warning、rectification 或 revocation");
    sanction.reason = body->required_string("reason");
    if (const auto deadline = body->optional_string("deadline")) {
        Timestamp at;
        if (parse_rfc3339(*deadline, at)) {
            sanction.deadline = at;
        } else {
            body->problem("deadline", "时间应为 RFC 3339 格式，如 2027-03-31T23:59:59+08:00");
        }
    }
    if (auto status = body->finish("处理内容不完整"); !status) return error_response(status.error(), request);
    sanction.kind = *kind;
    return respond(context.services.certifications.sanction(context.actor(), request.param("serial"), sanction),
                   request, dto::verification_json, 201);
}

}  // namespace hx::http::handlers
