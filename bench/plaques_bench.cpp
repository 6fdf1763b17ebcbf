/// Plaques (scenario 4 of docs/performance.md): renders N plaques (default 1,500, about the
/// number of titles Beijing holds) as PNG and as PDF, one after the other, on one thread, and
/// prints per format the median, p90, p99 and max time per plaque, the mean size and the
/// total time, as one JSON object, with render_peak_mib: the process's VmHWM after the PNG and
/// PDF passes (the peak of rendering). The peak of the whole process, cache pass included, is
/// measured around it (bench/plaques.sh runs it under /usr/bin/time -v).
///
/// The content is synthetic but of real shape: names of Beijing communities from
/// data/beijing-divisions.csv, serials BJZHSQ-YEAR-STAR-NNNNNN, a seal of the real size (a
/// multi-line payload, a base64 SM2 signature of 96 characters).
///
///     plaques_bench [N] [--cached]
/// --cached: render the first 250 plaques (what the 32 MiB plaque cache holds) twice through
/// render_plaque_cached and report the second pass as well (what a reader of an
/// already-rendered plaque costs).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "render/plaque.hpp"

namespace {

using hx::render::PlaqueContent;
using hx::render::PlaqueFormat;
using Clock = std::chrono::steady_clock;

struct Community {
    std::string district, street, name;
};

std::vector<Community> beijing_communities() {
    std::ifstream in(std::string(HX_SOURCE_DIR) + "/data/beijing-divisions.csv");
    std::vector<Community> out;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream row(line);
        std::string cell;
        while (std::getline(row, cell, ',')) f.push_back(cell);
        if (f.size() >= 6) out.push_back({f[1], f[3], f[5]});
    }
    return out;
}

PlaqueContent content_for(const Community& c, int i) {
    PlaqueContent p;
    p.star = 1 + i % 5;
    p.year = 2014 + i % 3;
    char serial[40];
    std::snprintf(serial, sizeof serial, "BJZHSQ-%d-%d-%06d", p.year, p.star, i + 1);
    p.serial = serial;
    static const char* kTitles[] = {"北京市一星级智慧社区", "北京市二星级智慧社区", "北京市三星级智慧社区",
                                    "北京市四星级智慧社区", "北京市五星级智慧社区"};
    p.title = kTitles[p.star - 1];
    p.community_name = "北京市" + c.district + c.street + c.name;
    p.district_name = c.district;
    p.street_name = c.street;
    p.issuers = {"北京市社会建设工作办公室", "北京市经济和信息化局", "北京市民政局"};
    p.issued_on = std::to_string(p.year) + "-12-10";
    p.verify_url = "https://zhsq.beijing.gov.cn/public/verify/" + p.serial;
    p.payload = "huixing-plaque/1\nserial=" + p.serial + "\nstar=" + std::to_string(p.star) +
                "\nyear=" + std::to_string(p.year) + "\ncommunity=" + p.community_name +
                "\nissued_on=" + p.issued_on + "\n";
    p.signature = std::string(96, 'A');
    for (std::size_t k = 0; k < p.signature.size(); ++k) {
        p.signature[k] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            [static_cast<std::size_t>(i * 31 + static_cast<int>(k) * 7) % 64];
    }
    p.key_id = "sm2-2026-01";
    return p;
}

constexpr std::ptrdiff_t kCachedPlaques = 250;

struct Pass {
    std::vector<double> ms;
    std::size_t bytes = 0;
    double total_ms = 0;
};

double quantile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}

std::string report(const char* name, const Pass& pass) {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(3);
    out << "\"" << name << "\": {\"plaques\": " << pass.ms.size()
        << ", \"median_ms\": " << quantile(pass.ms, 0.5) << ", \"p90_ms\": " << quantile(pass.ms, 0.9)
        << ", \"p99_ms\": " << quantile(pass.ms, 0.99)
        << ", \"max_ms\": " << *std::max_element(pass.ms.begin(), pass.ms.end())
        << ", \"total_ms\": " << pass.total_ms
        << ", \"mean_bytes\": " << pass.bytes / pass.ms.size() << "}";
    return out.str();
}

template <typename Render>
Pass run(const std::vector<PlaqueContent>& plaques, PlaqueFormat format, Render render) {
    Pass pass;
    const auto start = Clock::now();
    for (const auto& p : plaques) {
        const auto t0 = Clock::now();
        auto bytes = render(p, format);
        const auto t1 = Clock::now();
        if (!bytes) {
            std::cerr << "render failed: " << bytes.error().message() << "\n";
            std::exit(1);
        }
        pass.bytes += bytes->size();
        pass.ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    pass.total_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return pass;
}

/// VmHWM of this process so far, in MiB: the peak of rendering alone, before the cache pass
/// adds its up to 32 MiB of kept files.
double peak_mib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    int n = 1500;
    bool cached = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--cached") {
            cached = true;
        } else {
            n = std::atoi(argv[i]);
        }
    }
    if (n <= 0) {
        std::cerr << "usage: plaques_bench [N] [--cached]\n";
        return 2;
    }
    const auto communities = beijing_communities();
    if (communities.empty()) {
        std::cerr << "no communities in data/beijing-divisions.csv\n";
        return 1;
    }
    std::vector<PlaqueContent> plaques;
    plaques.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        plaques.push_back(content_for(communities[static_cast<std::size_t>(i * 5) % communities.size()], i));
    }
    const auto plain = [](const PlaqueContent& p, PlaqueFormat f) { return hx::render::render_plaque(p, f); };
    std::cout << "{" << report("png", run(plaques, PlaqueFormat::kPng, plain)) << ", "
              << report("pdf", run(plaques, PlaqueFormat::kPdf, plain))
              << ", \"render_peak_mib\": " << peak_mib();
    if (cached) {
        const auto through_cache = [](const PlaqueContent& p, PlaqueFormat f) {
            return hx::render::render_plaque_cached(p, f);
        };
        // As many plaques as the cache holds (32 MiB, ~93 KiB a PNG): a sequential pass over more
        // than that would find none of them in an LRU cache and only render them all again.
        const std::vector<PlaqueContent> held(
            plaques.begin(), plaques.begin() + std::min<std::ptrdiff_t>(n, kCachedPlaques));
        run(held, PlaqueFormat::kPng, through_cache);  // fills the cache
        std::cout << ", " << report("png_cached", run(held, PlaqueFormat::kPng, through_cache));
    }
    std::cout << "}\n";
    return 0;
}
