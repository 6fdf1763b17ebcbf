// SqliteStandardRepository: standards by revision in the tables of migration 0002.
#include "storage/sqlite/standard_repository.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "domain/standards/standard_repository.hpp"
#include "http/dto/standards.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage_test_support.hpp"

namespace hx::storage {
namespace {

using standards::Category;
using standards::Condition;
using standards::CountWhat;
using standards::Indicator;
using standards::IndicatorKind;
using standards::LifeElement;
using standards::Provenance;
using standards::RevisionHeader;
using standards::Standard;
using standards::StarLevel;
using standards::StoredStandard;
using standards::Subcategory;
using test_support::TempDir;

Timestamp at_ms(std::int64_t ms) {
    return from_unix_ms(ms);
}

/// data/standards/<id>.json through the DTO; fails the test when it does not load.
Standard load_data_file(const std::string& id) {
    const auto path = std::filesystem::path(HX_SOURCE_DIR) / "data" / "standards" / (id + ".json");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    EXPECT_FALSE(text.str().empty()) << "cannot read " << path;
    auto parsed = dto::parse_standard_text(text.str());
    EXPECT_TRUE(parsed) << (parsed ? "" : parsed.error().message());
    return parsed ? std::move(*parsed) : Standard{};
}

Indicator indicator(std::string code, IndicatorKind kind, Provenance provenance) {
    Indicator out;
    out.code = std::move(code);
    out.title = "指标" + out.code;
    out.kind = kind;
    out.provenance = provenance;
    return out;
}

/// A small standard with every optional field in each of its states (absent, empty, set), life
/// elements and conditions out of their enum order, levels out of star order and codes out of
/// lexical order, so that only a faithful round trip gives it back unchanged.
Standard tricky_standard(const std::string& id) {
    Standard standard;
    standard.id = id;
    standard.name = "边界标准";
    standard.version = "v1";
    standard.kind = "custom-kind";
    standard.note = "";
    standard.rules.count = CountWhat::kGuiding;
    standard.rules.max_star = 4;
    standard.rules.levels = {
        StarLevel{1, 1, {}, std::nullopt},
        StarLevel{4, 5, {Condition::kEffective, Condition::kMechanism}, std::vector<int>{3, 0, 2}},
        StarLevel{2, 2, {Condition::kMechanism}, std::vector<int>{}},
        StarLevel{3, 4, {Condition::kEffective}, std::nullopt},
    };

    Indicator absent = indicator("10", IndicatorKind::kConstraint, Provenance::kSource);
    Indicator empty = indicator("9", IndicatorKind::kGuiding, Provenance::kExample);
    empty.description = "";
    empty.evidence_hint = "";
    empty.life_elements = {LifeElement::kHealth, LifeElement::kEat, LifeElement::kEntertainment};
    Indicator set = indicator("a-1", IndicatorKind::kGeneral, Provenance::kSource);
    set.description = "说明，含逗号, and ASCII";
    set.evidence_hint = "上传照片";
    set.life_elements = {LifeElement::kEat,   LifeElement::kDwell, LifeElement::kTravel,
                         LifeElement::kTour,  LifeElement::kShop,  LifeElement::kEntertainment,
                         LifeElement::kHealth};
    Indicator quoted = indicator("2", IndicatorKind::kGuiding, Provenance::kExample);
    quoted.title = "它's \"quoted\"";

    Category second{
        "2",
        "二",
        {Subcategory{"2.9", "二点九", {absent, empty}}, Subcategory{"2.1", "二点一", {set}}}};
    Category first{"1", "一", {Subcategory{"1.1", "一点一", {quoted}}}};
    // Empty lists are invalid standards but still data: they come back as they went in.
    Category hollow{"3", "空", {Subcategory{"3.1", "空二级", {}}}};
    Category bare{"4", "无二级", {}};
    standard.categories = {second, first, hollow, bare};
    return standard;
}

StoredStandard stored_of(Standard standard, int revision, std::int64_t generation = 1,
                         bool frozen = false) {
    StoredStandard stored;
    stored.standard = std::move(standard);
    stored.revision = revision;
    stored.generation = generation;
    stored.frozen = frozen;
    stored.created_at = at_ms(1'700'000'000'000 + revision);
    stored.updated_at = at_ms(1'700'000'500'000 + revision);
    return stored;
}

/// Field by field, so a failure names what differs; then the whole, and the DTO's JSON.
void expect_same_standard(const Standard& actual, const Standard& expected) {
    EXPECT_EQ(actual.id, expected.id);
    EXPECT_EQ(actual.name, expected.name);
    EXPECT_EQ(actual.version, expected.version);
    EXPECT_EQ(actual.kind, expected.kind);
    EXPECT_EQ(actual.note, expected.note);
    EXPECT_EQ(actual.rules.count, expected.rules.count);
    EXPECT_EQ(actual.rules.max_star, expected.rules.max_star);
    ASSERT_EQ(actual.rules.levels.size(), expected.rules.levels.size());
    for (std::size_t i = 0; i < expected.rules.levels.size(); ++i) {
        SCOPED_TRACE("rules.levels[" + std::to_string(i) + "]");
        const StarLevel& a = actual.rules.levels[i];
        const StarLevel& e = expected.rules.levels[i];
        EXPECT_EQ(a.star, e.star);
        EXPECT_EQ(a.min, e.min);
        EXPECT_EQ(a.conditions, e.conditions);
        EXPECT_EQ(a.current_star_in.has_value(), e.current_star_in.has_value());
        if (a.current_star_in && e.current_star_in) {
            EXPECT_EQ(*a.current_star_in, *e.current_star_in);
        }
    }
    ASSERT_EQ(actual.categories.size(), expected.categories.size());
    for (std::size_t c = 0; c < expected.categories.size(); ++c) {
        SCOPED_TRACE("categories[" + std::to_string(c) + "]");
        const Category& ac = actual.categories[c];
        const Category& ec = expected.categories[c];
        EXPECT_EQ(ac.code, ec.code);
        EXPECT_EQ(ac.name, ec.name);
        ASSERT_EQ(ac.subcategories.size(), ec.subcategories.size());
        for (std::size_t s = 0; s < ec.subcategories.size(); ++s) {
            SCOPED_TRACE("subcategories[" + std::to_string(s) + "]");
            const Subcategory& as = ac.subcategories[s];
            const Subcategory& es = ec.subcategories[s];
            EXPECT_EQ(as.code, es.code);
            EXPECT_EQ(as.name, es.name);
            ASSERT_EQ(as.indicators.size(), es.indicators.size());
            for (std::size_t i = 0; i < es.indicators.size(); ++i) {
                SCOPED_TRACE("indicators[" + std::to_string(i) + "] " + es.indicators[i].code);
                const Indicator& ai = as.indicators[i];
                const Indicator& ei = es.indicators[i];
                EXPECT_EQ(ai.code, ei.code);
                EXPECT_EQ(ai.title, ei.title);
                EXPECT_EQ(ai.description, ei.description);
                EXPECT_EQ(ai.kind, ei.kind);
                EXPECT_EQ(ai.evidence_hint, ei.evidence_hint);
                EXPECT_EQ(ai.life_elements, ei.life_elements);
                EXPECT_EQ(ai.provenance, ei.provenance);
            }
        }
    }
    EXPECT_TRUE(actual == expected);
    EXPECT_EQ(dto::standard_json(actual), dto::standard_json(expected));
}

void expect_same_stored(const StoredStandard& actual, const StoredStandard& expected) {
    EXPECT_EQ(actual.revision, expected.revision);
    EXPECT_EQ(actual.generation, expected.generation);
    EXPECT_EQ(actual.frozen, expected.frozen);
    EXPECT_EQ(actual.created_at, expected.created_at);
    EXPECT_EQ(actual.updated_at, expected.updated_at);
    expect_same_standard(actual.standard, expected.standard);
}

class StandardRepositoryTest : public test_support::StoreTest {
protected:
    Status insert(const StoredStandard& stored) {
        return store_->write([&](Repositories& r) { return r.standards().insert(stored); });
    }
    Status replace(const StoredStandard& stored) {
        return store_->write([&](Repositories& r) { return r.standards().replace(stored); });
    }
    Status freeze(const std::string& id, int revision) {
        return store_->write([&](Repositories& r) { return r.standards().freeze(id, revision); });
    }
    Result<std::optional<StoredStandard>> find(const std::string& id, std::optional<int> revision) {
        std::optional<StoredStandard> found;
        RETURN_IF_ERROR(store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(found, r.standards().find(id, revision));
            return ok();
        }));
        return found;
    }
    Result<std::optional<RevisionHeader>> header(const std::string& id,
                                                 std::optional<int> revision) {
        std::optional<RevisionHeader> found;
        RETURN_IF_ERROR(store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(found, r.standards().header(id, revision));
            return ok();
        }));
        return found;
    }
    std::vector<RevisionHeader> revisions(const std::string& id) {
        std::vector<RevisionHeader> out;
        const auto status = store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(out, r.standards().revisions(id));
            return ok();
        });
        EXPECT_TRUE(status) << status.error().message();
        return out;
    }
    Result<std::vector<StoredStandard>> latest_all() {
        std::vector<StoredStandard> out;
        RETURN_IF_ERROR(store_->read([&](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(out, r.standards().latest_all());
            return ok();
        }));
        return out;
    }
    /// Raw SQL on a second connection, for what the repository would never write.
    Status try_execute(const std::string& sql) { return execute(sql); }
};

// ---- Round trips -------------------------------------------------------------------------------

TEST_P(StandardRepositoryTest, DataFilesRoundTripExactly) {
    for (const char* file : {"bj-trial", "bj-construction"}) {
        SCOPED_TRACE(file);
        const Standard standard = load_data_file(file);
        ASSERT_FALSE(standard.categories.empty());
        const StoredStandard stored = stored_of(standard, 1, 3);
        HX_ASSERT_OK(insert(stored));

        for (const std::optional<int> revision : {std::optional<int>(1), std::optional<int>()}) {
            SCOPED_TRACE(revision ? "revision 1" : "latest");
            const auto found = find(standard.id, revision);
            ASSERT_TRUE(found) << found.error().message();
            ASSERT_TRUE(found->has_value());
            expect_same_stored(**found, stored);
        }
        // And the JSON the API would serve is the data file's, field for field.
        const auto found = find(standard.id, 1);
        ASSERT_TRUE(found && found->has_value());
        EXPECT_EQ(dto::standard_json((*found)->standard), dto::standard_json(standard));
    }
}

TEST_P(StandardRepositoryTest, OptionalFieldsOrdersAndEmptyListsRoundTrip) {
    const StoredStandard stored = stored_of(tricky_standard("tricky"), 1);
    HX_ASSERT_OK(insert(stored));
    const auto found = find("tricky", std::nullopt);
    ASSERT_TRUE(found) << found.error().message();
    ASSERT_TRUE(found->has_value());
    expect_same_stored(**found, stored);

    // Spot checks of what the comparison above covers, stated plainly.
    const Standard& back = (*found)->standard;
    EXPECT_FALSE(back.rules.levels[0].current_star_in.has_value());
    ASSERT_TRUE(back.rules.levels[2].current_star_in.has_value());
    EXPECT_TRUE(back.rules.levels[2].current_star_in->empty());
    const Indicator& absent = back.categories[0].subcategories[0].indicators[0];
    const Indicator& empty = back.categories[0].subcategories[0].indicators[1];
    EXPECT_FALSE(absent.description.has_value());
    EXPECT_FALSE(absent.evidence_hint.has_value());
    ASSERT_TRUE(empty.description.has_value());
    EXPECT_EQ(*empty.description, "");
    ASSERT_TRUE(empty.evidence_hint.has_value());
    EXPECT_EQ(*empty.evidence_hint, "");
    EXPECT_TRUE(back.categories[2].subcategories[0].indicators.empty());
    EXPECT_TRUE(back.categories[3].subcategories.empty());
}

TEST_P(StandardRepositoryTest, FindOfAnAbsentStandardOrRevisionIsEmpty) {
    HX_ASSERT_OK(insert(stored_of(tricky_standard("x"), 1)));
    for (const auto& [id, revision] : std::vector<std::pair<std::string, std::optional<int>>>{
             {"nope", std::nullopt}, {"nope", 1}, {"x", 2}, {"x", 0}}) {
        const auto found = find(id, revision);
        ASSERT_TRUE(found) << found.error().message();
        EXPECT_FALSE(found->has_value()) << id;
        const auto head = header(id, revision);
        ASSERT_TRUE(head) << head.error().message();
        EXPECT_FALSE(head->has_value()) << id;
    }
}

// ---- Insert ------------------------------------------------------------------------------------

TEST_P(StandardRepositoryTest, InsertOfAnExistingRevisionIsAlreadyExists) {
    HX_ASSERT_OK(insert(stored_of(tricky_standard("x"), 1)));
    const auto again = insert(stored_of(load_data_file("bj-trial"), 1));
    ASSERT_TRUE(again);  // another id: fine
    StoredStandard same = stored_of(tricky_standard("x"), 1);
    same.standard.name = "另一个";
    const auto duplicate = insert(same);
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code(), ErrorCode::kAlreadyExists);
    EXPECT_EQ(duplicate.error().message(), "标准 'x' 第 1 版已存在");
    const auto found = find("x", 1);
    ASSERT_TRUE(found && found->has_value());
    EXPECT_EQ((*found)->standard.name, "边界标准");
}

TEST_P(StandardRepositoryTest, RepeatedCodesAreRefusedAndNothingIsStored) {
    Standard repeated_code = tricky_standard("dup");
    repeated_code.categories[1].subcategories[0].indicators.push_back(
        indicator("10", IndicatorKind::kGuiding, Provenance::kSource));
    auto status = insert(stored_of(repeated_code, 1));
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().reason(), "invalid_standard");
    ASSERT_EQ(status.error().fields().size(), 1U);
    EXPECT_EQ(status.error().fields()[0].field,
              "categories[1].subcategories[0].indicators[1].code");

    Standard repeated_star = tricky_standard("dup");
    repeated_star.rules.levels.push_back(StarLevel{4, 9, {}, std::nullopt});
    status = insert(stored_of(repeated_star, 1));
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code(), ErrorCode::kInvalidArgument);
    ASSERT_EQ(status.error().fields().size(), 1U);
    EXPECT_EQ(status.error().fields()[0].field, "rules.levels[4].star");

    // The write rolled back: no half-stored revision.
    const auto found = find("dup", std::nullopt);
    ASSERT_TRUE(found);
    EXPECT_FALSE(found->has_value());
}

TEST_P(StandardRepositoryTest, InsertingAFrozenRevisionStoresItsCatalogueThenFreezesIt) {
    const StoredStandard stored = stored_of(tricky_standard("cold"), 1, 1, /*frozen=*/true);
    HX_ASSERT_OK(insert(stored));
    const auto found = find("cold", 1);
    ASSERT_TRUE(found && found->has_value());
    expect_same_stored(**found, stored);
}

// ---- Replace and freeze ------------------------------------------------------------------------

TEST_P(StandardRepositoryTest, ReplaceRewritesTheCatalogueAndKeepsCreatedAt) {
    const StoredStandard first = stored_of(load_data_file("bj-construction"), 1);
    HX_ASSERT_OK(insert(first));

    // The same id with a much smaller catalogue: none of the old rows may survive.
    Standard smaller = tricky_standard("bj-construction");
    StoredStandard second = stored_of(smaller, 1, /*generation=*/2);
    second.created_at = at_ms(42);  // replace() does not touch created_at
    second.updated_at = at_ms(1'800'000'000'000);
    HX_ASSERT_OK(replace(second));

    const auto found = find("bj-construction", std::nullopt);
    ASSERT_TRUE(found && found->has_value());
    EXPECT_EQ((*found)->generation, 2);
    EXPECT_EQ((*found)->updated_at, at_ms(1'800'000'000'000));
    EXPECT_EQ((*found)->created_at, first.created_at);
    expect_same_standard((*found)->standard, smaller);
    EXPECT_EQ(revisions("bj-construction").size(), 1U);
}

TEST_P(StandardRepositoryTest, ReplaceOfAFrozenRevisionIsRefused) {
    const StoredStandard first = stored_of(load_data_file("bj-trial"), 1);
    HX_ASSERT_OK(insert(first));
    HX_ASSERT_OK(freeze("bj-trial", 1));

    StoredStandard changed = stored_of(tricky_standard("bj-trial"), 1, 2);
    const auto refused = replace(changed);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code(), ErrorCode::kFailedPrecondition);
    EXPECT_EQ(refused.error().reason(), "standard_frozen");
    EXPECT_EQ(refused.error().message(), "标准 'bj-trial' 第 1 版已被认定批次使用，不能修改");

    const auto found = find("bj-trial", 1);
    ASSERT_TRUE(found && found->has_value());
    EXPECT_TRUE((*found)->frozen);
    EXPECT_EQ((*found)->generation, 1);
    expect_same_standard((*found)->standard, first.standard);
}

TEST_P(StandardRepositoryTest, ReplaceOfAnAbsentRevisionIsNotFound) {
    const auto missing = replace(stored_of(tricky_standard("ghost"), 1));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
    EXPECT_EQ(missing.error().message(), "标准 'ghost' 第 1 版不存在");
}

TEST_P(StandardRepositoryTest, FreezeIsIdempotentAndNotFoundWhenAbsent) {
    HX_ASSERT_OK(insert(stored_of(tricky_standard("x"), 1)));
    HX_ASSERT_OK(insert(stored_of(tricky_standard("x"), 2)));
    HX_ASSERT_OK(freeze("x", 1));
    HX_ASSERT_OK(freeze("x", 1));
    const auto headers = revisions("x");
    ASSERT_EQ(headers.size(), 2U);
    EXPECT_FALSE(headers[0].frozen);  // revision 2
    EXPECT_TRUE(headers[1].frozen);   // revision 1

    for (const auto& [id, revision] :
         std::vector<std::pair<std::string, int>>{{"x", 3}, {"y", 1}}) {
        const auto missing = freeze(id, revision);
        ASSERT_FALSE(missing);
        EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
    }
}

TEST_P(StandardRepositoryTest, TheDatabaseRefusesToChangeAFrozenRevision) {
    HX_ASSERT_OK(insert(stored_of(tricky_standard("x"), 1)));
    HX_ASSERT_OK(freeze("x", 1));
    const std::string new_indicator =
        "INSERT INTO standard_indicators VALUES "
        "('x', 1, 99, 1, 'new', 't', NULL, 'guiding', NULL, '', 'source')";
    for (const std::string& sql : std::vector<std::string>{
             "UPDATE standard_revisions SET name = 'changed' WHERE id = 'x'",
             "UPDATE standard_revisions SET frozen = 0 WHERE id = 'x'",
             "DELETE FROM standard_revisions WHERE id = 'x'",
             "UPDATE standard_indicators SET title = 'changed' WHERE id = 'x'",
             "DELETE FROM standard_indicators WHERE id = 'x'",
             new_indicator,
             "UPDATE standard_categories SET name = 'changed' WHERE id = 'x'",
             "DELETE FROM standard_levels WHERE id = 'x'",
             "INSERT INTO standard_levels VALUES ('x', 1, 5, 9, 9, '', NULL)",
         }) {
        SCOPED_TRACE(sql);
        const auto refused = try_execute(sql);
        ASSERT_FALSE(refused);
        EXPECT_NE(refused.error().message().find("frozen"), std::string::npos)
            << refused.error().message();
    }
    const auto found = find("x", 1);
    ASSERT_TRUE(found && found->has_value());
    expect_same_standard((*found)->standard, tricky_standard("x"));
}

// ---- Revisions, headers, listing ---------------------------------------------------------------

TEST_P(StandardRepositoryTest, RevisionsAreNewestFirst) {
    HX_ASSERT_OK(insert(stored_of(tricky_standard("x"), 2, 5)));
    HX_ASSERT_OK(insert(stored_of(tricky_standard("x"), 1, 1)));
    HX_ASSERT_OK(insert(stored_of(tricky_standard("x"), 10, 2)));
    HX_ASSERT_OK(insert(stored_of(tricky_standard("w"), 7)));
    HX_ASSERT_OK(freeze("x", 1));

    const auto headers = revisions("x");
    ASSERT_EQ(headers.size(), 3U);
    EXPECT_EQ(headers[0].revision, 10);  // numerically, not as text
    EXPECT_EQ(headers[1].revision, 2);
    EXPECT_EQ(headers[2].revision, 1);
    EXPECT_EQ(headers[0].generation, 2);
    EXPECT_EQ(headers[1].generation, 5);
    for (const auto& head : headers) EXPECT_EQ(head.id, "x");
    EXPECT_EQ(headers[2].frozen, true);
    EXPECT_TRUE(revisions("nope").empty());
}

TEST_P(StandardRepositoryTest, HeaderReadsTheLatestOrAGivenRevision) {
    HX_ASSERT_OK(insert(stored_of(tricky_standard("x"), 1, 4)));
    HX_ASSERT_OK(insert(stored_of(tricky_standard("x"), 2, 9)));
    HX_ASSERT_OK(freeze("x", 1));

    auto head = header("x", std::nullopt);
    ASSERT_TRUE(head && head->has_value());
    EXPECT_EQ((*head)->id, "x");
    EXPECT_EQ((*head)->revision, 2);
    EXPECT_EQ((*head)->generation, 9);
    EXPECT_FALSE((*head)->frozen);
    head = header("x", 1);
    ASSERT_TRUE(head && head->has_value());
    EXPECT_EQ((*head)->revision, 1);
    EXPECT_EQ((*head)->generation, 4);
    EXPECT_TRUE((*head)->frozen);
}

TEST_P(StandardRepositoryTest, HeaderDoesNotReadTheCatalogue) {
    HX_ASSERT_OK(insert(stored_of(tricky_standard("x"), 1)));
    // A catalogue find() refuses to read: header() never looks at it.
    HX_ASSERT_OK(execute("UPDATE standard_indicators SET kind = 'bogus' WHERE id = 'x'"));
    const auto found = find("x", std::nullopt);
    ASSERT_FALSE(found);
    EXPECT_EQ(found.error().code(), ErrorCode::kInternal);
    const auto head = header("x", std::nullopt);
    ASSERT_TRUE(head) << head.error().message();
    ASSERT_TRUE(head->has_value());
    EXPECT_EQ((*head)->revision, 1);
}

TEST_P(StandardRepositoryTest, LatestAllListsTheLatestRevisionOfEachIdWithItsCatalogue) {
    // Two ids, two revisions each, inserted out of order; the catalogues differ per revision.
    const Standard trial = load_data_file("bj-trial");
    const Standard construction = load_data_file("bj-construction");
    Standard zeta_1 = tricky_standard("zeta");
    Standard zeta_2 = construction;
    zeta_2.id = "zeta";
    Standard alpha_1 = trial;
    alpha_1.id = "alpha";
    Standard alpha_2 = tricky_standard("alpha");
    alpha_2.version = "v2";
    HX_ASSERT_OK(insert(stored_of(zeta_2, 2)));
    HX_ASSERT_OK(insert(stored_of(alpha_1, 1)));
    HX_ASSERT_OK(insert(stored_of(zeta_1, 1)));
    HX_ASSERT_OK(insert(stored_of(alpha_2, 2, 3)));
    HX_ASSERT_OK(freeze("alpha", 1));

    const auto all = latest_all();
    ASSERT_TRUE(all) << all.error().message();
    ASSERT_EQ(all->size(), 2U);
    EXPECT_EQ((*all)[0].standard.id, "alpha");
    EXPECT_EQ((*all)[1].standard.id, "zeta");
    expect_same_stored((*all)[0], stored_of(alpha_2, 2, 3));
    expect_same_stored((*all)[1], stored_of(zeta_2, 2));
}

TEST_P(StandardRepositoryTest, LatestAllOfAnEmptyStoreIsEmpty) {
    const auto all = latest_all();
    ASSERT_TRUE(all) << all.error().message();
    EXPECT_TRUE(all->empty());
}

// ---- A corrupt database is an internal error, never a crash ------------------------------------

TEST_P(StandardRepositoryTest, UnknownWordsReadBackAreInternal) {
    // The first two bytes of a three-byte character.
    const std::string truncated_character =
        "UPDATE standard_indicators SET life_elements = CAST(X'E590' AS TEXT) "
        "WHERE id = 'x' AND code = '2'";
    const std::vector<std::string> corruptions = {
        "UPDATE standard_revisions SET count_what = 'most' WHERE id = 'x'",
        "UPDATE standard_indicators SET kind = 'bogus' WHERE id = 'x' AND code = '2'",
        "UPDATE standard_indicators SET provenance = '' WHERE id = 'x' AND code = '2'",
        "UPDATE standard_indicators SET life_elements = '吃喝' WHERE id = 'x' AND code = '2'",
        "UPDATE standard_indicators SET life_elements = 'eat' WHERE id = 'x' AND code = '2'",
        truncated_character,
        "UPDATE standard_levels SET conditions = 'mechanism,,effective' WHERE id = 'x'",
        "UPDATE standard_levels SET conditions = 'luck' WHERE id = 'x'",
        "UPDATE standard_levels SET current_star_in = '3,x' WHERE id = 'x' AND star = 4",
        "UPDATE standard_levels SET current_star_in = '3,' WHERE id = 'x' AND star = 4",
        "UPDATE standard_levels SET min = 99999999999 WHERE id = 'x' AND star = 1",
    };
    for (const auto& sql : corruptions) {
        SCOPED_TRACE(sql);
        // PostgreSQL keeps no text that is not UTF-8: that corruption cannot happen there.
        if (GetParam() == test_support::Backend::kPostgres && sql == truncated_character) continue;
        test_support::TestDatabase database(GetParam());  // a fresh database per corruption
        auto opened = storage::open_store(database.url(), 1);
        ASSERT_TRUE(opened) << opened.error().message();
        auto& store = **opened;
        HX_ASSERT_OK(migrate_store(store));
        HX_ASSERT_OK(store.write([](Repositories& r) {
            return r.standards().insert(stored_of(tricky_standard("x"), 1));
        }));
        HX_ASSERT_OK(database.execute(sql));
        const auto found = store.read([](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(const auto ignored, r.standards().find("x", std::nullopt));
            static_cast<void>(ignored);
            return ok();
        });
        ASSERT_FALSE(found);
        EXPECT_EQ(found.error().code(), ErrorCode::kInternal);
        EXPECT_NE(found.error().message().find("'x'"), std::string::npos)
            << found.error().message();
        const auto listed = store.read([](Repositories& r) -> Status {
            ASSIGN_OR_RETURN(const auto ignored, r.standards().latest_all());
            static_cast<void>(ignored);
            return ok();
        });
        ASSERT_FALSE(listed);
        EXPECT_EQ(listed.error().code(), ErrorCode::kInternal);
    }
}

// ---- Cost --------------------------------------------------------------------------------------

HX_ON_BOTH_ENGINES(StandardRepositoryTest);

}  // namespace
}  // namespace hx::storage
