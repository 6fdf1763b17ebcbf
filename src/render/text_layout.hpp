#pragma once
/// Chinese text on a cairo drawing, through pango and the Noto CJK fonts (fonts-noto-cjk). Shared
/// by everything render/ draws (plaques now; forms and notices as PDF later): a paragraph is laid
/// out at x, y within a width, wrapped between any two characters where Chinese allows it, and
/// the caller gets its height back to place the next one.
///
/// Units are the cairo user units of the drawing (points for PDF and SVG surfaces). Metric hinting
/// is off, so the same text breaks at the same places on every surface: a plaque's PNG, SVG and
/// PDF look alike.
#include <cairo.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hx::render {

enum class FontFace {
    kSerif,  // Noto Serif CJK SC (宋体-like): titles, names
    kSans,   // Noto Sans CJK SC (黑体-like): labels, small print
};

enum class FontWeight { kRegular, kBold };

enum class TextAlign { kLeft, kCenter, kRight };

struct Color {
    double red = 0;
    double green = 0;
    double blue = 0;
};

/// #RRGGBB as a Color; for the palette constants of a drawing.
constexpr Color rgb(unsigned hex) {
    return {static_cast<double>((hex >> 16U) & 0xFFU) / 255.0,
            static_cast<double>((hex >> 8U) & 0xFFU) / 255.0,
            static_cast<double>(hex & 0xFFU) / 255.0};
}

struct TextStyle {
    FontFace face = FontFace::kSans;
    double size = 12;  // the em size, in user units
    FontWeight weight = FontWeight::kRegular;
    TextAlign align = TextAlign::kLeft;
    Color color{};
    double letter_spacing = 0;     // extra space between characters, in user units
    double line_height = 1.0;      // a factor of the font's natural line height
    double first_line_indent = 0;  // in user units; official documents indent by two characters
    bool justify = false;          // both edges straight, as body text of a printed document
};

void set_source(cairo_t* cr, Color color);

/// Lays out `text` (UTF-8; "\n" starts a new line) wrapped to `width` and draws it with the top
/// of its first line at y. Returns the height of the paragraph.
double draw_paragraph(cairo_t* cr, std::string_view text, double x, double y, double width,
                      const TextStyle& style);

/// The height draw_paragraph would return, without drawing.
double measure_paragraph(cairo_t* cr, std::string_view text, double width, const TextStyle& style);

/// The width of `text` on one line, unwrapped.
double measure_line_width(cairo_t* cr, std::string_view text, const TextStyle& style);

/// Where a paragraph must break for its first part to fit in `max_height`: the byte offset in
/// `text` of the first line whose bottom lies below max_height (so text.substr(0, offset) is what
/// fits), text.size() when the whole paragraph fits, 0 when not even its first line does. For
/// text that flows from one page onto the next.
std::size_t fitting_prefix(cairo_t* cr, std::string_view text, double width, const TextStyle& style,
                           double max_height);

/// The largest size from style.size down to min_size (in steps of a quarter point) at which
/// `text` fits on one line of `width`; min_size when even that does not fit (the caller then
/// lets it wrap). For names of any length in a fixed box.
double fit_font_size(cairo_t* cr, std::string_view text, double width, TextStyle style,
                     double min_size);

/// Which font files draw `text` in `style` (one entry per run of the laid-out line, in order)
/// and how many of its characters no font has (drawn as boxes). For the tests and for
/// diagnosing a rendering: the subset faces (render/fonts/subset_fonts.py) should draw every
/// name of data/beijing-divisions.csv, the full faces anything else.
struct FontUse {
    std::vector<std::string> files;
    int unknown_glyphs = 0;
};
FontUse font_use(cairo_t* cr, std::string_view text, const TextStyle& style);

}  // namespace hx::render
