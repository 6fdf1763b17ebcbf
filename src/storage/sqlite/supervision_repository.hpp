#pragma once
#include "domain/supervision/supervision.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// Annual reports and their campaigns, rectification reports, attachments, and the annual spot
/// checks (migration 0006).
class SqliteSupervisionRepository final : public supervision::SupervisionRepository {
public:
    explicit SqliteSupervisionRepository(sql::Connection& connection) : connection_(connection) {}

    Status put_campaign(const supervision::ReportCampaign& campaign) override;
    Result<std::optional<supervision::ReportCampaign>> campaign(int year) override;
    Result<std::int64_t> insert_report(const supervision::AnnualReport& report) override;
    Status update_report(const supervision::AnnualReport& report) override;
    Result<std::optional<supervision::AnnualReport>> find_report(std::int64_t id) override;
    Result<std::optional<supervision::AnnualReport>> report_of(int year, const std::string& community_code) override;
    Result<std::vector<supervision::AnnualReport>> reports(int year, const std::string& scope) override;

    Result<std::int64_t> insert_rectification(const supervision::RectificationReport& report) override;
    Status update_rectification(const supervision::RectificationReport& report) override;
    Result<std::optional<supervision::RectificationReport>> find_rectification(std::int64_t id) override;
    Result<std::vector<supervision::RectificationReport>> rectifications(const std::string& serial) override;

    Result<std::int64_t> add_attachment(const supervision::Attachment& attachment) override;
    Result<std::vector<supervision::Attachment>> attachments(supervision::FileOwner owner,
                                                             std::int64_t owner_id) override;

    Status insert_check(const supervision::AnnualCheck& check) override;
    Status update_check(const supervision::AnnualCheck& check) override;
    Result<std::optional<supervision::AnnualCheck>> check(int year) override;
    Result<std::vector<supervision::AnnualCheck>> checks() override;
    Result<std::int64_t> add_check_item(const supervision::AnnualCheckItem& item) override;
    Status update_check_item(const supervision::AnnualCheckItem& item) override;
    Result<std::optional<supervision::AnnualCheckItem>> find_check_item(std::int64_t id) override;
    Result<std::vector<supervision::AnnualCheckItem>> check_items(int year) override;

private:
    sql::Connection& connection_;
};

}  // namespace hx::storage::sqlite
