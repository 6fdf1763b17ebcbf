#pragma once
/// Shared by the standards tests: the real data files and a small valid standard to mutate.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "domain/standards/rating.hpp"
#include "domain/standards/standard.hpp"
#include "http/dto/standards.hpp"

namespace hx::standards::test_support {

/// HX_DATA_DIR (the data folder or its standards folder), else HX_SOURCE_DIR/data/standards when
/// the build defines it, else data/standards relative to the working directory.
inline std::filesystem::path standards_dir() {
    if (const char* env = std::getenv("HX_DATA_DIR"); env != nullptr && *env != '\0') {
        const std::filesystem::path dir(env);
        if (std::filesystem::exists(dir / "bj-trial.json")) return dir;
        return dir / "standards";
    }
#ifdef HX_SOURCE_DIR
    return std::filesystem::path(HX_SOURCE_DIR) / "data" / "standards";
#else
    return std::filesystem::path("data") / "standards";
#endif
}

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// The text of data/standards/<id>.json; empty when the file cannot be read.
inline std::string standard_text(const std::string& id) {
    return read_text(standards_dir() / (id + ".json"));
}

/// The standard <id> from the data files; fails the calling test when it does not load.
inline Standard load_standard(const std::string& id) {
    const std::string text = standard_text(id);
    EXPECT_FALSE(text.empty()) << "cannot read " << (standards_dir() / (id + ".json"))
                               << " (set HX_DATA_DIR or run from the source root)";
    Result<Standard> standard = dto::parse_standard_text(text);
    EXPECT_TRUE(standard.has_value()) << (standard ? "" : standard.error().message());
    return standard ? *standard : Standard{};
}

/// The engine for data/standards/<id>.json, built once per test binary; empty (and the calling
/// test failed) when the file does not load.
inline const std::optional<RatingEngine>& engine_for(const std::string& id) {
    static const std::optional<RatingEngine> trial = [] {
        Result<RatingEngine> engine = RatingEngine::create(load_standard("bj-trial"));
        return engine ? std::optional<RatingEngine>(*engine) : std::nullopt;
    }();
    static const std::optional<RatingEngine> construction = [] {
        Result<RatingEngine> engine = RatingEngine::create(load_standard("bj-construction"));
        return engine ? std::optional<RatingEngine>(*engine) : std::nullopt;
    }();
    const std::optional<RatingEngine>& engine = id == "bj-trial" ? trial : construction;
    EXPECT_TRUE(engine.has_value()) << "no engine for " << id;
    return engine;
}

/// The first `n` codes of `kind` in catalogue order (all kinds when `kind` is empty).
inline std::vector<std::string> codes_of(const Standard& standard,
                                         std::optional<IndicatorKind> kind, int n) {
    std::vector<std::string> out;
    for (const Indicator* indicator : standard.indicators()) {
        if (static_cast<int>(out.size()) == n) break;
        if (kind && indicator->kind != *kind) continue;
        out.push_back(indicator->code);
    }
    EXPECT_EQ(static_cast<int>(out.size()), n) << "the standard has too few such indicators";
    return out;
}

inline Indicator make_indicator(std::string code, IndicatorKind kind) {
    Indicator indicator;
    indicator.code = std::move(code);
    indicator.title = "指标" + indicator.code;
    indicator.kind = kind;
    indicator.provenance = Provenance::kSource;
    return indicator;
}

/// A valid standard: 4 constraint and 2 guiding indicators, constraint counted, ★ at 2, ★★ at 3
/// and ★★★ at 4 from ★ with the mechanism.
inline Standard make_standard() {
    Standard standard;
    standard.id = "t-small";
    standard.name = "测试标准";
    standard.version = "1";
    standard.kind = "trial";
    standard.rules.count = CountWhat::kConstraint;
    standard.rules.max_star = 3;
    standard.rules.levels = {
        StarLevel{3, 4, {Condition::kMechanism}, std::vector<int>{1, 2}},
        StarLevel{2, 3, {Condition::kMechanism}, std::nullopt},
        StarLevel{1, 2, {}, std::nullopt},
    };
    Category first{"1", "基础设施", {}};
    first.subcategories.push_back(Subcategory{"1.1",
                                              "网络",
                                              {make_indicator("1", IndicatorKind::kConstraint),
                                               make_indicator("2", IndicatorKind::kConstraint),
                                               make_indicator("3", IndicatorKind::kGuiding)}});
    Category second{"2", "服务", {}};
    second.subcategories.push_back(Subcategory{"2.1",
                                               "政务",
                                               {make_indicator("4", IndicatorKind::kConstraint),
                                                make_indicator("5", IndicatorKind::kConstraint),
                                                make_indicator("6", IndicatorKind::kGuiding)}});
    standard.categories = {first, second};
    return standard;
}

/// The field names of an error, in order.
inline std::vector<std::string> fields_of(const Error& error) {
    std::vector<std::string> out;
    for (const FieldError& field : error.fields()) out.push_back(field.field);
    return out;
}

/// The message of the first FieldError at `field`, or "<none>".
inline std::string message_at(const Error& error, const std::string& field) {
    for (const FieldError& problem : error.fields()) {
        if (problem.field == field) return problem.message;
    }
    return "<none>";
}

}  // namespace hx::standards::test_support
