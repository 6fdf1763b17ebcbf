#pragma once
#include "domain/certifications/certification.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// Certifications, their serial sequence, sanctions and the seal's public keys (migration 0004).
class SqliteCertificationRepository final : public certifications::CertificationRepository {
public:
    explicit SqliteCertificationRepository(sql::Connection& connection) : connection_(connection) {}

    Status insert(const certifications::Certification& certification) override;
    Result<std::optional<certifications::Certification>> find(const std::string& serial) override;
    /// Newest first (issued_at, then serial, descending).
    Result<regions::Page<certifications::Certification>> list(const certifications::CertificationFilter& filter,
                                                              const regions::PageRequest& page) override;
    Result<std::vector<certifications::Certification>> of_community(const std::string& community_code) override;
    Status set_status(const std::string& serial, certifications::CertificationStatus status,
                      const std::string& superseded_by, Timestamp at) override;
    Result<std::int64_t> next_sequence(int year) override;

    Result<std::int64_t> add_sanction(const certifications::Sanction& sanction) override;
    Result<std::vector<certifications::Sanction>> sanctions(const std::string& serial) override;

    Status put_key(const certifications::SealPublicKey& key) override;
    Result<std::vector<certifications::SealPublicKey>> keys() override;

private:
    sql::Connection& connection_;
};

}  // namespace hx::storage::sqlite
