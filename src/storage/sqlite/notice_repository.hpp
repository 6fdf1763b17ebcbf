#pragma once
#include "domain/notice/notice.hpp"
#include "storage/sqlite/connection.hpp"

namespace hx::storage::sqlite {

/// The notice, its comments, phone codes, public rate-limit counts, the spot-check commitment,
/// checks and photos: the tables of migration 0004. insert() and insert_commitment() answer
/// kAlreadyExists for a second one of a round; a stored word no mapping knows is kInternal.
class SqliteNoticeRepository final : public notice::NoticeRepository {
public:
    explicit SqliteNoticeRepository(sql::Connection& connection) : connection_(connection) {}

    Status insert(const notice::Notice& notice) override;
    Result<std::optional<notice::Notice>> find(std::int64_t round_id) override;
    Result<std::vector<notice::Notice>> list() override;
    Status set_finalized(std::int64_t round_id, Timestamp at) override;

    Result<std::int64_t> add_comment(const notice::Comment& comment) override;
    Result<std::optional<notice::Comment>> find_comment(std::int64_t id) override;
    Result<std::vector<notice::Comment>> comments(std::int64_t round_id) override;
    Status update_comment(const notice::Comment& comment) override;

    Status put_phone_code(const notice::PhoneCode& code) override;
    Result<std::optional<notice::PhoneCode>> phone_code(const std::string& phone_digest) override;
    Status delete_phone_code(const std::string& phone_digest) override;
    Status count_action(notice::PublicAction action, const std::string& key_digest, Timestamp at) override;
    Result<std::int64_t> actions_since(notice::PublicAction action, const std::string& key_digest,
                                       Timestamp since) override;

    Status insert_commitment(const notice::Commitment& commitment) override;
    Result<std::optional<notice::Commitment>> commitment(std::int64_t round_id) override;
    Status update_commitment(const notice::Commitment& commitment) override;
    Result<std::int64_t> add_spot_check(const notice::SpotCheck& check) override;
    Result<std::optional<notice::SpotCheck>> find_spot_check(std::int64_t id) override;
    Result<std::vector<notice::SpotCheck>> spot_checks(std::int64_t round_id) override;
    Status update_spot_check(const notice::SpotCheck& check) override;
    Result<std::int64_t> add_photo(const notice::SpotCheckPhoto& photo) override;
    Result<std::vector<notice::SpotCheckPhoto>> photos(std::int64_t spot_check_id) override;

private:
    sql::Connection& connection_;
};

}  // namespace hx::storage::sqlite
