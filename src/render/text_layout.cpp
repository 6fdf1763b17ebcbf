#include "render/text_layout.hpp"

#include <pango/pangocairo.h>

#include <algorithm>
#include <climits>
#include <memory>

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

// The Simplified Chinese faces first; fontconfig falls back to any CJK face after them.
const char* family(FontFace face) {
    switch (face) {
        case FontFace::kSerif: return "Noto Serif CJK SC,Noto Serif CJK,Source Han Serif SC,serif";
        case FontFace::kSans: return "Noto Sans CJK SC,Noto Sans CJK,Source Han Sans SC,sans-serif";
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
    constexpr double kStep = 0.25;
    while (style.size > min_size && measure_line_width(cr, text, style) > width) {
        style.size -= kStep;
    }
    return style.size < min_size ? min_size : style.size;
}

}  // namespace hx::render
