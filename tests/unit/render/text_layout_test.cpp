#include "render/text_layout.hpp"

#include <cairo.h>
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace hx::render {
namespace {

struct Canvas {
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface{
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 64, 64), cairo_surface_destroy};
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr{cairo_create(surface.get()), cairo_destroy};
};

/// Column `column` of data/beijing-divisions.csv, every row.
std::vector<std::string> division_column(std::size_t column) {
    std::ifstream in(std::string(HX_SOURCE_DIR) + "/data/beijing-divisions.csv");
    std::vector<std::string> out;
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        std::stringstream row(line);
        std::string cell;
        for (std::size_t i = 0; i <= column && std::getline(row, cell, ','); ++i) {
        }
        out.push_back(cell);
    }
    return out;
}

/// fit_font_size as it was: measure every quarter step from the top.
double fit_by_every_step(cairo_t* cr, std::string_view text, double width, TextStyle style,
                         double min_size) {
    while (style.size > min_size && measure_line_width(cr, text, style) > width) style.size -= 0.25;
    return style.size < min_size ? min_size : style.size;
}

TEST(TextLayout, FitFontSizeIsTheFirstQuarterStepThatFits) {
    Canvas canvas;
    const auto names = division_column(5);
    ASSERT_GT(names.size(), 7000U);
    const TextStyle styles[] = {
        {FontFace::kSerif, 24, FontWeight::kBold, TextAlign::kCenter, {}, 1},  // a plaque's name
        {FontFace::kSerif, 38, FontWeight::kBold, TextAlign::kCenter, {}, 4},  // its title
        {FontFace::kSans, 11.5, FontWeight::kBold, TextAlign::kLeft, {}, 0},   // its serial
    };
    int shrunk = 0;
    for (std::size_t i = 0; i < names.size(); i += 157) {
        const std::string text = "北京市朝阳区" + names[i];
        for (const auto& style : styles) {
            for (const double width : {90.0, 160.0, 260.0}) {
                const double min_size = style.size / 2;
                const double expected = fit_by_every_step(canvas.cr.get(), text, width, style, min_size);
                EXPECT_EQ(fit_font_size(canvas.cr.get(), text, width, style, min_size), expected)
                    << text << " in " << width << " from " << style.size;
                if (expected < style.size && expected > min_size) ++shrunk;
            }
        }
    }
    EXPECT_GT(shrunk, 50);  // the cases do exercise the estimate, not only the two ends
}

bool is_subset(const std::string& file) {
    return file.ends_with(".subset.otf");
}

TEST(TextLayout, TheSubsetFacesDrawEveryDivisionName) {
    Canvas canvas;
    std::set<std::string> names;
    for (const std::size_t column : {1U, 3U, 5U}) {
        for (auto& name : division_column(column)) names.insert(std::move(name));
    }
    std::string all;
    for (const auto& name : names) all += name;
    for (const auto face : {FontFace::kSerif, FontFace::kSans}) {
        for (const auto weight : {FontWeight::kRegular, FontWeight::kBold}) {
            const TextStyle style{face, 12, weight, TextAlign::kLeft, {}, 0};
            const auto use = font_use(canvas.cr.get(), all, style);
            EXPECT_EQ(use.unknown_glyphs, 0);
            ASSERT_FALSE(use.files.empty());
            for (const auto& file : use.files) EXPECT_TRUE(is_subset(file)) << file;
        }
    }
}

TEST(TextLayout, CharactersOutsideTheSubsetComeFromTheFullFace) {
    Canvas canvas;
    // 龘 is neither in GB 2312 nor in any division name: the full Noto face draws it, in the
    // middle of a name the subset draws.
    for (const auto face : {FontFace::kSerif, FontFace::kSans}) {
        const TextStyle style{face, 24, FontWeight::kBold, TextAlign::kCenter, {}, 1};
        const auto use = font_use(canvas.cr.get(), "多福巷龘社区", style);
        EXPECT_EQ(use.unknown_glyphs, 0);
        ASSERT_EQ(use.files.size(), 3U);
        EXPECT_TRUE(is_subset(use.files[0])) << use.files[0];
        EXPECT_FALSE(is_subset(use.files[1])) << use.files[1];
        EXPECT_NE(use.files[1].find("CJK"), std::string::npos) << use.files[1];
        EXPECT_TRUE(is_subset(use.files[2])) << use.files[2];
    }
}

}  // namespace
}  // namespace hx::render
