#include "render/text_layout.hpp"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace hx::render {

namespace {

struct LayoutUnref {
    void operator()(PangoLayout* layout) const { g_object_unref(layout); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutUnref>;

struct FontDescriptionFree {
    void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
struct FontOptionsFree {
    void operator()(cairo_font_options_t* options) const { cairo_font_options_destroy(options); }
};
struct LayoutIterFree {
    void operator()(PangoLayoutIter* iter) const { pango_layout_iter_free(iter); }
};
struct AttrListUnref {
    void operator()(PangoAttrList* list) const { pango_attr_list_unref(list); }
};

/// The family name the subset of a face is registered under: kSubsetFamilyPrefix + its own.
constexpr std::string_view kSubsetFamilyPrefix = "Huixing ";

/// Registers the subsets of the CJK faces (HUIXING_FONT_DIR, by default the build's fonts/,
/// made by render/fonts/subset_fonts.py) with fontconfig as application fonts, renamed
/// "Huixing <family>" so that they are asked for by that name alone and never stand in for the
/// full face. Once per process, before pango opens a font; without the directory nothing
/// changes and the full fonts are used.
void register_subset_fonts() {
    static std::once_flag once;
    std::call_once(once, [] {
        const char* env = std::getenv("HUIXING_FONT_DIR");
        const std::filesystem::path dir = env != nullptr && *env != '\0' ? env : HX_DEFAULT_FONT_DIR;
        std::vector<std::filesystem::path> files;
        std::error_code error;
        for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
            if (entry.path().extension() == ".otf") files.push_back(entry.path());
        }
        if (files.empty()) return;
        std::sort(files.begin(), files.end());
        FcConfig* config = FcConfigGetCurrent();
        for (const auto& file : files) {
            FcConfigAppFontAddFile(config, reinterpret_cast<const FcChar8*>(file.c_str()));
        }
        FcFontSet* fonts = FcConfigGetFonts(config, FcSetApplication);
        for (int i = 0; fonts != nullptr && i < fonts->nfont; ++i) {
            FcPattern* font = fonts->fonts[i];
            FcChar8* own = nullptr;
            if (FcPatternGetString(font, FC_FAMILY, 0, &own) != FcResultMatch) continue;
            const std::string family(reinterpret_cast<const char*>(own));
            if (family.starts_with(kSubsetFamilyPrefix)) continue;
            const std::string renamed = std::string(kSubsetFamilyPrefix) + family;
            FcPatternDel(font, FC_FAMILY);
            FcPatternDel(font, FC_FAMILYLANG);
            FcPatternAddString(font, FC_FAMILY, reinterpret_cast<const FcChar8*>(renamed.c_str()));
            FcPatternAddString(font, FC_FAMILYLANG, reinterpret_cast<const FcChar8*>("en"));
        }
    });
}

// The subsets of the Simplified Chinese faces first, the full faces behind them for any
// character the subsets lack; fontconfig falls back to any CJK face after them.
const char* family(FontFace face) {
    switch (face) {
        case FontFace::kSerif:
            return "Huixing Noto Serif CJK SC,Noto Serif CJK SC,Noto Serif CJK,Source Han Serif SC,serif";
        case FontFace::kSans:
            return "Huixing Noto Sans CJK SC,Noto Sans CJK SC,Noto Sans CJK,Source Han Sans SC,sans-serif";
    }
    return "sans-serif";
}

PangoAlignment alignment(TextAlign align) {
    switch (align) {
        case TextAlign::kLeft: return PANGO_ALIGN_LEFT;
        case TextAlign::kCenter: return PANGO_ALIGN_CENTER;
        case TextAlign::kRight: return PANGO_ALIGN_RIGHT;
    }
    return PANGO_ALIGN_LEFT;
}

/// Text longer than an int of bytes is not a paragraph; pango takes the length as int.
int text_length(std::string_view text) {
    return text.size() > static_cast<std::size_t>(INT_MAX) ? INT_MAX
                                                           : static_cast<int>(text.size());
}

/// width <= 0 means one unwrapped line.
LayoutPtr make_layout(cairo_t* cr, std::string_view text, double width, const TextStyle& style) {
    register_subset_fonts();
    LayoutPtr layout(pango_cairo_create_layout(cr));

    // Metrics unhinted: a PNG at 2× and a PDF in points then break lines at the same places.
    std::unique_ptr<cairo_font_options_t, FontOptionsFree> options(cairo_font_options_create());
    cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango_layout_get_context(layout.get()), options.get());
    pango_layout_context_changed(layout.get());

    std::unique_ptr<PangoFontDescription, FontDescriptionFree> font(pango_font_description_new());
    pango_font_description_set_family(font.get(), family(style.face));
    pango_font_description_set_weight(
        font.get(), style.weight == FontWeight::kBold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    // Absolute size: user units, whatever resolution pango assumes for the surface.
    pango_font_description_set_absolute_size(font.get(), style.size * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), font.get());

    if (width > 0) {
        pango_layout_set_width(layout.get(), pango_units_from_double(width));
        // Chinese breaks between any two characters; words of Latin text stay whole if they can.
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(layout.get(), alignment(style.align));
    if (style.justify) pango_layout_set_justify(layout.get(), TRUE);
    if (style.first_line_indent != 0) {
        pango_layout_set_indent(layout.get(), pango_units_from_double(style.first_line_indent));
    }
    if (style.line_height > 0 && style.line_height != 1.0) {
        pango_layout_set_line_spacing(layout.get(), static_cast<float>(style.line_height));
    }
    if (style.letter_spacing != 0) {
        std::unique_ptr<PangoAttrList, AttrListUnref> attributes(pango_attr_list_new());
        pango_attr_list_insert(
            attributes.get(),
            pango_attr_letter_spacing_new(pango_units_from_double(style.letter_spacing)));
        pango_layout_set_attributes(layout.get(), attributes.get());
    }
    pango_layout_set_text(layout.get(), text.data(), text_length(text));
    return layout;
}

double layout_height(PangoLayout* layout) {
    int width = 0;
    int height = 0;
    pango_layout_get_size(layout, &width, &height);
    return pango_units_to_double(height);
}

}  // namespace

void set_source(cairo_t* cr, Color color) {
    cairo_set_source_rgb(cr, color.red, color.green, color.blue);
}

double draw_paragraph(cairo_t* cr, std::string_view text, double x, double y, double width,
                      const TextStyle& style) {
    auto layout = make_layout(cr, text, width, style);
    cairo_save(cr);
    set_source(cr, style.color);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout.get());
    cairo_restore(cr);
    return layout_height(layout.get());
}

double measure_paragraph(cairo_t* cr, std::string_view text, double width, const TextStyle& style) {
    auto layout = make_layout(cr, text, width, style);
    return layout_height(layout.get());
}

double measure_line_width(cairo_t* cr, std::string_view text, const TextStyle& style) {
    auto layout = make_layout(cr, text, 0, style);
    int width = 0;
    int height = 0;
    pango_layout_get_size(layout.get(), &width, &height);
    return pango_units_to_double(width);
}

std::size_t fitting_prefix(cairo_t* cr, std::string_view text, double width, const TextStyle& style,
                           double max_height) {
    auto layout = make_layout(cr, text, width, style);
    std::unique_ptr<PangoLayoutIter, LayoutIterFree> iter(pango_layout_get_iter(layout.get()));
    const int limit = pango_units_from_double(max_height);
    do {
        PangoRectangle logical{};
        pango_layout_iter_get_line_extents(iter.get(), nullptr, &logical);
        if (logical.y + logical.height > limit) {
            const int index = pango_layout_iter_get_index(iter.get());
            return index < 0 ? 0 : std::min(static_cast<std::size_t>(index), text.size());
        }
    } while (pango_layout_iter_next_line(iter.get()));
    return text.size();
}

double fit_font_size(cairo_t* cr, std::string_view text, double width, TextStyle style,
                     double min_size) {
    // The first of the sizes start, start − ¼, start − ½, … that fits, stopping at the first
    // one at or below min_size. The width grows with the size, so instead of measuring every
    // step from the top (36 layouts for a long name from 24 down to 15), the step is estimated
    // from the width at the start size and then corrected by one step at a time: the same
    // answer in two or three layouts.
    constexpr double kStep = 0.25;
    const double start = style.size;
    const auto size_at = [&](int step) { return start - step * kStep; };
    const auto fits = [&](int step) {
        style.size = size_at(step);
        return measure_line_width(cr, text, style) <= width;
    };
    if (start <= min_size) return start < min_size ? min_size : start;
    const int last = static_cast<int>(std::ceil((start - min_size) / kStep));  // at or below min
    const double full = measure_line_width(cr, text, style);
    if (full <= width) return start;
    int step = full > 0 ? static_cast<int>(std::ceil((start - start * width / full) / kStep)) : 1;
    step = std::clamp(step, 1, last);
    if (fits(step)) {
        while (step > 1 && fits(step - 1)) --step;
    } else if (step < last) {
        ++step;
        while (step < last && !fits(step)) ++step;
    }
    return size_at(step) < min_size ? min_size : size_at(step);
}

FontUse font_use(cairo_t* cr, std::string_view text, const TextStyle& style) {
    auto layout = make_layout(cr, text, 0, style);
    FontUse use;
    use.unknown_glyphs = pango_layout_get_unknown_glyphs_count(layout.get());
    std::unique_ptr<PangoLayoutIter, LayoutIterFree> iter(pango_layout_get_iter(layout.get()));
    do {
        PangoLayoutRun* run = pango_layout_iter_get_run_readonly(iter.get());
        if (run == nullptr || !PANGO_IS_FC_FONT(run->item->analysis.font)) continue;
        FcChar8* file = nullptr;
        FcPattern* pattern = pango_fc_font_get_pattern(PANGO_FC_FONT(run->item->analysis.font));
        if (FcPatternGetString(pattern, FC_FILE, 0, &file) == FcResultMatch) {
            use.files.emplace_back(reinterpret_cast<const char*>(file));
        }
    } while (pango_layout_iter_next_run(iter.get()));
    return use;
}

}  // namespace hx::render
