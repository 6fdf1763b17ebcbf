#include "domain/reminders/reminder_service.hpp"

#include <algorithm>
#include <map>

#include "domain/identity/identity_repository.hpp"
#include "domain/reminders/mail.hpp"
#include "domain/rounds/round_service.hpp"

namespace hx::reminders {

namespace {

using identity::Role;

constexpr std::int64_t kUserPage = 200;
constexpr std::int64_t kMaxPageSize = 100;

Result<std::vector<identity::User>> active_users(Store& store) {
    std::vector<identity::User> out;
    RETURN_IF_ERROR(store.read([&](Repositories& repos) -> Status {
        for (std::int64_t page = 1;; ++page) {
            ASSIGN_OR_RETURN(auto batch, repos.users().list({}, {page, kUserPage}));
            for (auto& u : batch.items) {
                if (!u.disabled) out.push_back(std::move(u));
            }
            if (batch.items.empty() || page * kUserPage >= batch.total) break;
        }
        return ok();
    }));
    return out;
}

identity::Actor actor_of(const identity::User& user) {
    identity::Actor actor;
    actor.user_id = user.id;
    actor.username = user.username;
    actor.role = user.role;
    actor.org_code = user.org_code;
    actor.request_id = "reminders";
    return actor;
}

/// The city's view of the reports and rectifications: the job reads for everyone.
identity::Actor city_reader() {
    identity::Actor actor;
    actor.username = "reminders";
    actor.role = Role::kCitySocial;
    actor.org_code = "110000";
    actor.request_id = "reminders";
    return actor;
}

bool report_filed(const std::optional<supervision::AnnualReport>& report) {
    return report && (report->state == supervision::ReportState::kSubmitted ||
                      report->state == supervision::ReportState::kAccepted);
}

}  // namespace

Result<std::vector<Deadline>> ReminderService::deadlines() {
    ASSIGN_OR_RETURN(auto users, active_users(store_));
    std::vector<Deadline> out;
    std::multimap<std::string, std::int64_t> community_users;  // community code → user id
    for (const auto& user : users) {
        if (user.role == Role::kCommunity) community_users.emplace(user.org_code, user.id);
        const auto actor = actor_of(user);
        if (!rounds::require_business_role(actor)) continue;
        ASSIGN_OR_RETURN(auto items, applications_.todo(actor));
        for (const auto& item : items) {
            out.push_back({user.id,
                           "application:" + std::to_string(item.application_id) + ":" + applications::to_string(item.action),
                           item.due_at,
                           std::string(applications::action_label(item.action)) + "（" + item.community_name + "，" +
                               item.round_name + "）",
                           "/applications/" + std::to_string(item.application_id)});
        }
    }
    const auto city = city_reader();
    // 第十八条: the report of the year just ended and of this year, whichever has a campaign.
    const int year = std::stoi(format_rfc3339(clock_.now()).substr(0, 4));
    for (const int y : {year - 1, year}) {
        ASSIGN_OR_RETURN(auto list, supervision_.report_list(city, y));
        if (!list.campaign) continue;
        for (const auto& row : list.rows) {
            if (report_filed(row.report)) continue;
            const auto [first, last] = community_users.equal_range(row.community_code);
            for (auto it = first; it != last; ++it) {
                out.push_back({it->second, "annual_report:" + std::to_string(y) + ":" + row.community_code,
                               list.campaign->deadline,
                               "报送" + std::to_string(y) + "年度智慧社区工作总结和下年度工作计划（" + row.community_name + "）",
                               ""});
            }
        }
    }
    // 第二十条: a rectification's deadline, until the community has filed its report.
    ASSIGN_OR_RETURN(auto cases, supervision_.rectifications(city));
    for (const auto& c : cases) {
        if (!c.sanction.deadline) continue;
        const bool filed = std::any_of(c.reports.begin(), c.reports.end(), [](const supervision::RectificationReport& r) {
            return r.state == supervision::ReportState::kSubmitted || r.state == supervision::ReportState::kAccepted;
        });
        if (filed) continue;
        const auto [first, last] = community_users.equal_range(c.certification.community_code);
        for (auto it = first; it != last; ++it) {
            out.push_back({it->second, "rectification:" + std::to_string(c.sanction.id), *c.sanction.deadline,
                           "报送整改报告（" + c.certification.community_name + "，证书 " + c.certification.serial + "）",
                           ""});
        }
    }
    return out;
}

Result<std::int64_t> ReminderService::run() {
    ASSIGN_OR_RETURN(auto all, deadlines());
    const auto now = clock_.now();
    const auto due = reminders_due(now, all);
    std::int64_t added = 0;
    if (!due.empty()) {
        RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
            for (const auto& n : due) {
                ASSIGN_OR_RETURN(const bool inserted, repos.notifications().insert(n));
                if (!inserted) continue;
                ++added;
                // In the reminder's own transaction: it is e-mailed exactly when it exists.
                if (mail_enabled_) RETURN_IF_ERROR(repos.mail_outbox().enqueue(n, now));
            }
            return ok();
        }));
    }
    // After the commit: the sender sees the new rows (and retries that fell due meanwhile).
    if (after_run_) after_run_();
    return added;
}

Result<NotificationPage> ReminderService::list(const identity::Actor& actor, const regions::PageRequest& page) {
    RETURN_IF_ERROR(regions::validate_page(page, kMaxPageSize));
    NotificationPage out;
    RETURN_IF_ERROR(store_.read([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(out.page, repos.notifications().list(actor.user_id, page));
        ASSIGN_OR_RETURN(out.unread, repos.notifications().unread(actor.user_id));
        return ok();
    }));
    return out;
}

Result<Notification> ReminderService::mark_read(const identity::Actor& actor, std::int64_t id) {
    Notification out;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(auto found, repos.notifications().find(id, actor.user_id));
        if (!found) return fail(Error::not_found("提醒不存在"));
        if (!found->read_at) {
            found->read_at = clock_.now();
            RETURN_IF_ERROR(repos.notifications().mark_read(id, actor.user_id, *found->read_at));
        }
        out = std::move(*found);
        return ok();
    }));
    return out;
}

Result<std::int64_t> ReminderService::mark_all_read(const identity::Actor& actor) {
    std::int64_t marked = 0;
    RETURN_IF_ERROR(store_.write([&](Repositories& repos) -> Status {
        ASSIGN_OR_RETURN(marked, repos.notifications().mark_all_read(actor.user_id, clock_.now()));
        return ok();
    }));
    return marked;
}

}  // namespace hx::reminders
