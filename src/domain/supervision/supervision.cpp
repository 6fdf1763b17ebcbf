#include "domain/supervision/supervision.hpp"

namespace hx::supervision {

const char* to_string(ReportState state) {
    switch (state) {
        case ReportState::kDraft: return "draft";
        case ReportState::kSubmitted: return "submitted";
        case ReportState::kAccepted: return "accepted";
        case ReportState::kReturned: return "returned";
    }
    return "draft";
}

std::optional<ReportState> parse_report_state(std::string_view text) {
    for (const auto s : {ReportState::kDraft, ReportState::kSubmitted, ReportState::kAccepted, ReportState::kReturned}) {
        if (text == to_string(s)) return s;
    }
    return std::nullopt;
}

const char* report_state_label(ReportState state) {
    switch (state) {
        case ReportState::kDraft: return "草稿";
        case ReportState::kSubmitted: return "已报送，待审核";
        case ReportState::kAccepted: return "已通过";
        case ReportState::kReturned: return "已退回修改";
    }
    return "草稿";
}

const char* to_string(FileOwner owner) {
    switch (owner) {
        case FileOwner::kAnnualReport: return "annual_report";
        case FileOwner::kRectificationReport: return "rectification_report";
        case FileOwner::kAnnualCheck: return "annual_check";
    }
    return "annual_report";
}

}  // namespace hx::supervision
