/// The rating engine over every community of China (scenario 2 of docs/performance.md).
///
/// One synthetic self-assessment of the construction standard per community of
/// china-villages.csv.gz (620,573 rows), resolved once into an IndicatorSet, then:
///   BM_eligible_star  — engine.eligible_star(set, claims) for all of them, stars summed;
///   BM_read_only      — the same assessments merely read (popcount of each set + its claims),
///                       the floor that (a) is divided by;
///   BM_evaluate_full  — engine.evaluate(set, claims) with every level explained (information);
///   BM_evaluate_codes — one evaluate(RatingInput) of ~40 string codes, the engine's share of
///                       one POST /api/v1/rating/evaluate (information).
///
/// The data file: $HX_VILLAGES_CSV, else $HX_SHARED_DATA/china-villages.csv.gz, else
/// HX_SOURCE_DIR/../shared/data/china-villages.csv.gz. gzip or plain CSV (zlib reads both).
/// bench/rating.sh runs this pinned to one core and prints the ratio.
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <bit>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "domain/standards/rating.hpp"
#include "synthetic_assessment.hpp"
#include "http/dto/standards.hpp"

namespace {

using hx::standards::Claims;
using hx::standards::IndicatorSet;
using hx::standards::RatingEngine;
using hx::standards::RatingInput;

/// The assessment as a bulk import would hold it: resolved once, then rated many times.
struct Assessment {
    IndicatorSet achieved;
    Claims claims;
};

struct Corpus {
    std::optional<RatingEngine> engine;
    std::vector<Assessment> assessments;
    std::vector<std::string> sample_codes;  // ~40 codes for BM_evaluate_codes
    Claims sample_claims;
};

Corpus& corpus() {
    static Corpus instance;
    return instance;
}

std::string villages_path() {
    if (const char* path = std::getenv("HX_VILLAGES_CSV"); path != nullptr && *path != '\0') {
        return path;
    }
    if (const char* dir = std::getenv("HX_SHARED_DATA"); dir != nullptr && *dir != '\0') {
        return std::string(dir) + "/china-villages.csv.gz";
    }
    return std::string(HX_SOURCE_DIR) + "/../shared/data/china-villages.csv.gz";
}

/// The community codes (first column) of the CSV, header skipped.
std::optional<std::vector<std::uint64_t>> read_community_codes(const std::string& path) {
    gzFile file = gzopen(path.c_str(), "rb");
    if (file == nullptr) return std::nullopt;
    gzbuffer(file, 1U << 20U);
    std::vector<std::uint64_t> codes;
    codes.reserve(640'000);
    char line[4096];
    bool header = true;
    while (gzgets(file, line, sizeof line) != nullptr) {
        if (header) {
            header = false;
            continue;
        }
        std::uint64_t code = 0;
        int digits = 0;
        for (const char* c = line; *c >= '0' && *c <= '9'; ++c, ++digits) {
            code = code * 10U + static_cast<std::uint64_t>(*c - '0');
        }
        if (digits > 0) codes.push_back(code);
    }
    gzclose(file);
    return codes;
}

std::optional<std::string> read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// One assessment per community (synthetic_assessment.hpp), resolved once into an IndicatorSet.
bool build(Corpus& out, const std::vector<std::uint64_t>& codes) {
    const RatingEngine& engine = *out.engine;
    const int count = engine.indicator_count();
    out.assessments.reserve(codes.size());
    std::vector<std::uint16_t> indices;
    indices.reserve(static_cast<std::size_t>(count));
    for (const std::uint64_t code : codes) {
        const Claims claims = hx::bench::synthetic_assessment(code, count, indices);
        auto set = engine.resolve_indices(indices);
        if (!set) {
            std::cerr << "resolve_indices: " << set.error().message() << "\n";
            return false;
        }
        out.assessments.push_back({*set, claims});
    }
    // ~40 of the 80 codes, for the single-request figure.
    hx::bench::Random random(20240501);
    for (int i = 0; i < count; ++i) {
        if (random.below(2) == 1) {
            out.sample_codes.push_back(engine.indicator_at(static_cast<std::uint16_t>(i)).code);
        }
    }
    out.sample_claims = {.current_star = 3, .mechanism = false, .effective = true};
    return true;
}

bool load(Corpus& out) {
    const std::string standard_path =
        std::string(HX_SOURCE_DIR) + "/data/standards/bj-construction.json";
    const auto text = read_text(standard_path);
    if (!text) {
        std::cerr << "cannot read " << standard_path << "\n";
        return false;
    }
    auto standard = hx::dto::parse_standard_text(*text);
    if (!standard) {
        std::cerr << standard_path << ": " << standard.error().message() << "\n";
        return false;
    }
    auto engine = RatingEngine::create(std::move(*standard));
    if (!engine) {
        std::cerr << "RatingEngine::create: " << engine.error().message() << "\n";
        return false;
    }
    out.engine.emplace(std::move(*engine));

    const std::string path = villages_path();
    const auto codes = read_community_codes(path);
    if (!codes || codes->empty()) {
        std::cerr << "cannot read community codes from " << path
                  << " (set HX_VILLAGES_CSV or HX_SHARED_DATA)\n";
        return false;
    }
    return build(out, *codes);
}

void report(benchmark::State& state, std::int64_t checksum) {
    const auto n = static_cast<std::int64_t>(corpus().assessments.size());
    state.SetItemsProcessed(state.iterations() * n);
    state.counters["assessments"] = static_cast<double>(n);
    state.counters["checksum"] = static_cast<double>(checksum);
    // Time per assessment, for the eye; the ratio of medians is computed by bench/rating.sh.
    state.counters["per_assessment"] =
        benchmark::Counter(static_cast<double>(state.iterations() * n),
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

/// (a) The hot path: the eligible star of every assessment.
void BM_eligible_star(benchmark::State& state) {
    const RatingEngine& engine = *corpus().engine;
    const auto& all = corpus().assessments;
    std::int64_t stars = 0;
    for (auto _ : state) {
        stars = 0;
        for (const Assessment& a : all) stars += engine.eligible_star(a.achieved, a.claims);
        benchmark::DoNotOptimize(stars);
    }
    report(state, stars);
}

/// (b) The floor: read what (a) reads — the words of each set that can hold a catalogue index
/// (two for 80 indicators) and its claims — and only count the bits.
void BM_read_only(benchmark::State& state) {
    const auto& all = corpus().assessments;
    const auto words = static_cast<std::size_t>((corpus().engine->indicator_count() + 63) / 64);
    std::int64_t total = 0;
    for (auto _ : state) {
        total = 0;
        for (const Assessment& a : all) {
            for (std::size_t w = 0; w < words; ++w) total += std::popcount(a.achieved.words()[w]);
            total += a.claims.current_star + (a.claims.effective ? 1 : 0);
        }
        benchmark::DoNotOptimize(total);
    }
    report(state, total);
}

/// (c) The full outcome with every level explained, as POST /rating/evaluate returns it.
void BM_evaluate_full(benchmark::State& state) {
    const RatingEngine& engine = *corpus().engine;
    const auto& all = corpus().assessments;
    std::int64_t stars = 0;
    for (auto _ : state) {
        stars = 0;
        for (const Assessment& a : all) {
            auto result = engine.evaluate(a.achieved, a.claims);
            if (!result) {
                state.SkipWithError("evaluate failed");
                return;
            }
            stars += result->eligible_star;
            benchmark::DoNotOptimize(result);
        }
        benchmark::DoNotOptimize(stars);
    }
    report(state, stars);
}

/// (d) One evaluation from ~40 string codes: the engine's share of one HTTP evaluate request.
void BM_evaluate_codes(benchmark::State& state) {
    const RatingEngine& engine = *corpus().engine;
    const RatingInput input{.achieved = corpus().sample_codes, .claims = corpus().sample_claims};
    for (auto _ : state) {
        auto result = engine.evaluate(input);
        benchmark::DoNotOptimize(result);
    }
    state.counters["codes"] = static_cast<double>(input.achieved.size());
}

BENCHMARK(BM_eligible_star)->Unit(benchmark::kMillisecond)->MinTime(0.5);
BENCHMARK(BM_read_only)->Unit(benchmark::kMillisecond)->MinTime(0.5);
BENCHMARK(BM_evaluate_full)->Unit(benchmark::kMillisecond)->MinTime(0.5);
BENCHMARK(BM_evaluate_codes)->Unit(benchmark::kNanosecond)->MinTime(0.2);

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    if (!load(corpus())) return 1;
    benchmark::AddCustomContext("communities", std::to_string(corpus().assessments.size()));
    benchmark::AddCustomContext("standard", corpus().engine->standard().id);
    benchmark::AddCustomContext("indicators", std::to_string(corpus().engine->indicator_count()));
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
