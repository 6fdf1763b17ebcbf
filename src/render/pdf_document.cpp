#include "render/pdf_document.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <numeric>
#include <string_view>
#include <utility>

namespace hx::render {

namespace {

struct SurfaceDestroy {
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct ContextDestroy {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

Status check(cairo_surface_t* surface, cairo_t* cr, const char* what) {
    if (cr != nullptr && cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        return fail(
            Error::internal(std::string(what) + ": " + cairo_status_to_string(cairo_status(cr))));
    }
    if (surface != nullptr && cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        return fail(Error::internal(std::string(what) + ": " +
                                    cairo_status_to_string(cairo_surface_status(surface))));
    }
    return ok();
}

/// The text after a break: the next line starts here, without the newline that ended the last.
std::string rest_after(const std::string& text, std::size_t offset) {
    if (offset < text.size() && text[offset] == '\n') ++offset;
    return text.substr(offset);
}

/// Code points of UTF-8 text (for spreading a name over a given width).
std::size_t code_points(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

void stroke_rectangle(cairo_t* cr, double x, double y, double width, double height) {
    cairo_save(cr);
    set_source(cr, kRule);
    cairo_set_line_width(cr, 0.6);
    cairo_rectangle(cr, x, y, width, height);
    cairo_stroke(cr);
    cairo_restore(cr);
}

void fill_rectangle(cairo_t* cr, double x, double y, double width, double height, Color color) {
    cairo_save(cr);
    set_source(cr, color);
    cairo_rectangle(cr, x, y, width, height);
    cairo_fill(cr);
    cairo_restore(cr);
}

// ---- Tables ---------------------------------------------------------------------------------

/// One cell as placed: its column span in points and how its text is drawn.
struct CellBox {
    double x = 0;
    double width = 0;
    TextStyle style;
    bool shaded = false;
};

class TableLayout {
public:
    TableLayout(PageFlow& flow, const Table& table) : flow_(flow), table_(table) {
        const double total = std::accumulate(table.columns.begin(), table.columns.end(), 0.0,
                                             [](double sum, const TableColumn& column) {
                                                 return sum + std::max(column.width, 0.0);
                                             });
        double x = flow.left();
        for (const auto& column : table.columns) {
            const double width = total > 0
                                     ? flow.width() * std::max(column.width, 0.0) / total
                                     : flow.width() / static_cast<double>(table.columns.size());
            lefts_.push_back(x);
            widths_.push_back(width);
            x += width;
        }
        if (table.header) {
            TableRow header;
            for (const auto& column : table.columns) header.cells.push_back(column.header);
            header_boxes_ = boxes(header, true);
            header_height_ = height_of(header.cells, header_boxes_);
        }
    }

    void run() {
        if (table_.columns.empty()) return;
        // The header never stands alone at the foot of a page.
        const double first =
            table_.rows.empty() ? 0 : std::min(row_height(table_.rows.front()), 3 * line_height());
        flow_.keep(header_height_ + first);
        start_page();
        for (std::size_t i = 0; i < table_.rows.size(); ++i) {
            const TableRow& row = table_.rows[i];
            // A shaded group heading never stays alone at the foot of a page.
            if (row.shaded && i + 1 < table_.rows.size() && rows_on_page_ > 0 &&
                row_height(row) + std::min(row_height(table_.rows[i + 1]), 3 * line_height()) >
                    flow_.remaining()) {
                next_page();
            }
            place(row);
        }
    }

private:
    double line_height() const {
        return measure_paragraph(flow_.measure(), "国", 0, table_.body) + 2 * table_.padding;
    }

    std::vector<CellBox> boxes(const TableRow& row, bool header) const {
        std::vector<CellBox> out;
        const std::size_t columns = table_.columns.size();
        const std::size_t cells = std::min(std::max<std::size_t>(row.cells.size(), 1), columns);
        for (std::size_t i = 0; i < cells; ++i) {
            CellBox box;
            box.x = lefts_[i];
            const std::size_t last = i + 1 == cells ? columns : i + 1;
            box.width = lefts_[last - 1] + widths_[last - 1] - lefts_[i];
            const TableColumn& column = table_.columns[i];
            if (header) {
                box.style = table_.head;
                box.style.align = TextAlign::kCenter;
                box.shaded = true;
            } else if (row.shaded) {
                box.style = table_.head;
                box.style.align = TextAlign::kLeft;
                box.shaded = true;
            } else if (column.label) {
                box.style = table_.head;
                box.style.align = TextAlign::kCenter;
                box.shaded = true;
            } else {
                box.style = table_.body;
                box.style.align = column.align;
            }
            out.push_back(box);
        }
        return out;
    }

    double text_width(const CellBox& box) const { return box.width - 2 * table_.padding; }

    double height_of(const std::vector<std::string>& cells,
                     const std::vector<CellBox>& boxes) const {
        double tallest = 0;
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            const std::string& text = i < cells.size() ? cells[i] : std::string();
            tallest =
                std::max(tallest, measure_paragraph(flow_.measure(), text.empty() ? " " : text,
                                                    text_width(boxes[i]), boxes[i].style));
        }
        return tallest + 2 * table_.padding;
    }

    double row_height(const TableRow& row) const { return height_of(row.cells, boxes(row, false)); }

    /// Records one row (or piece of a row) of `height` at the cursor.
    void draw(std::vector<std::string> cells, std::vector<CellBox> boxes, double height) {
        const double padding = table_.padding;
        flow_.block(height, [cells = std::move(cells), boxes = std::move(boxes), height, padding](
                                cairo_t* cr, double, double y, double) {
            for (std::size_t i = 0; i < boxes.size(); ++i) {
                const CellBox& box = boxes[i];
                if (box.shaded) fill_rectangle(cr, box.x, y, box.width, height, kShade);
                stroke_rectangle(cr, box.x, y, box.width, height);
                if (i >= cells.size() || cells[i].empty()) continue;
                const double width = box.width - 2 * padding;
                // Vertically centred, as in a printed form.
                const double text_height = measure_paragraph(cr, cells[i], width, box.style);
                const double top = y + std::max(padding, (height - text_height) / 2);
                draw_paragraph(cr, cells[i], box.x + padding, top, width, box.style);
            }
        });
    }

    void start_page() {
        rows_on_page_ = 0;
        if (!table_.header) return;
        std::vector<std::string> headers;
        for (const auto& column : table_.columns) headers.push_back(column.header);
        draw(std::move(headers), header_boxes_, header_height_);
    }

    void next_page() {
        flow_.new_page();
        start_page();
    }

    void place(const TableRow& row) {
        const auto row_boxes = boxes(row, false);
        const double height = height_of(row.cells, row_boxes);
        if (height <= flow_.remaining()) {
            draw(row.cells, row_boxes, height);
            ++rows_on_page_;
            return;
        }
        const double page_room =
            flow_.geometry().body_bottom() - flow_.geometry().top - header_height_;
        if (rows_on_page_ > 0 && height <= page_room) {
            next_page();
            draw(row.cells, row_boxes, height);
            ++rows_on_page_;
            return;
        }
        // Taller than what is left of a page: the row flows on, each cell where its lines break.
        std::vector<std::string> cells = row.cells;
        cells.resize(row_boxes.size());
        while (true) {
            const double piece = height_of(cells, row_boxes);
            if (piece <= flow_.remaining()) {
                draw(cells, row_boxes, piece);
                ++rows_on_page_;
                return;
            }
            const double room = flow_.remaining() - 2 * table_.padding;
            std::vector<std::string> here(cells.size());
            std::vector<std::string> later(cells.size());
            bool progress = false;
            for (std::size_t i = 0; i < cells.size(); ++i) {
                const std::size_t cut =
                    room <= 0 ? 0
                              : fitting_prefix(flow_.measure(), cells[i], text_width(row_boxes[i]),
                                               row_boxes[i].style, room);
                here[i] = cells[i].substr(0, cut);
                later[i] = rest_after(cells[i], cut);
                progress = progress || cut > 0 || cells[i].empty();
            }
            if (!progress && rows_on_page_ == 0) {
                // Not one line fits on an empty page: draw it whole rather than loop for ever.
                draw(cells, row_boxes, piece);
                return;
            }
            if (progress) {
                draw(std::move(here), row_boxes, flow_.remaining());
                cells = std::move(later);
            }
            next_page();
        }
    }

    PageFlow& flow_;
    const Table& table_;
    std::vector<double> lefts_;
    std::vector<double> widths_;
    std::vector<CellBox> header_boxes_;
    double header_height_ = 0;
    int rows_on_page_ = 0;
};

}  // namespace

TextStyle body_style(double size) {
    TextStyle style;
    style.face = FontFace::kSerif;
    style.size = size;
    style.color = kInk;
    style.line_height = 1.45;
    style.justify = true;
    return style;
}

TextStyle cell_style(double size) {
    TextStyle style = body_style(size);
    style.line_height = 1.25;
    style.justify = false;
    return style;
}

TextStyle heading_style(double size) {
    TextStyle style;
    style.face = FontFace::kSans;
    style.size = size;
    style.weight = FontWeight::kBold;
    style.color = kInk;
    style.line_height = 1.3;
    return style;
}

// ---- PageFlow -------------------------------------------------------------------------------

PageFlow::PageFlow(PageGeometry geometry)
    : geometry_(geometry),
      surface_(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr)),
      measure_(cairo_create(surface_)),
      y_(geometry.top) {
    pages_.emplace_back();
}

PageFlow::PageFlow(PageFlow&& other) noexcept
    : geometry_(other.geometry_),
      surface_(std::exchange(other.surface_, nullptr)),
      measure_(std::exchange(other.measure_, nullptr)),
      y_(other.y_),
      pages_(std::move(other.pages_)) {}

PageFlow& PageFlow::operator=(PageFlow&& other) noexcept {
    if (this == &other) return *this;
    if (measure_ != nullptr) cairo_destroy(measure_);
    if (surface_ != nullptr) cairo_surface_destroy(surface_);
    geometry_ = other.geometry_;
    surface_ = std::exchange(other.surface_, nullptr);
    measure_ = std::exchange(other.measure_, nullptr);
    y_ = other.y_;
    pages_ = std::move(other.pages_);
    return *this;
}

PageFlow::~PageFlow() {
    if (measure_ != nullptr) cairo_destroy(measure_);
    if (surface_ != nullptr) cairo_surface_destroy(surface_);
}

Status PageFlow::status() const {
    return check(surface_, measure_, "cairo layout");
}

void PageFlow::new_page() {
    pages_.emplace_back();
    y_ = geometry_.top;
}

void PageFlow::keep(double height) {
    if (!at_page_top() && height > remaining()) new_page();
}

void PageFlow::space(double height) {
    if (at_page_top()) return;
    y_ = std::min(y_ + height, geometry_.body_bottom());
}

void PageFlow::paragraph(const std::string& text, const TextStyle& style, double indent,
                         double right_indent) {
    const double x = geometry_.left + indent;
    const double width = geometry_.body_width() - indent - right_indent;
    std::string rest = text;
    TextStyle current = style;
    while (true) {
        const double height = measure_paragraph(measure_, rest, width, current);
        if (height <= remaining()) {
            const double top = y_;
            add([rest, x, top, width, current](cairo_t* cr) {
                draw_paragraph(cr, rest, x, top, width, current);
            });
            y_ += height;
            return;
        }
        const std::size_t cut = fitting_prefix(measure_, rest, width, current, remaining());
        if (cut == 0 && at_page_top()) {
            // Not even one line fits on an empty page: draw it whole rather than loop for ever.
            const double top = y_;
            add([rest, x, top, width, current](cairo_t* cr) {
                draw_paragraph(cr, rest, x, top, width, current);
            });
            y_ = geometry_.body_bottom();
            return;
        }
        if (cut > 0) {
            const double top = y_;
            add([here = rest.substr(0, cut), x, top, width, current](cairo_t* cr) {
                draw_paragraph(cr, here, x, top, width, current);
            });
            rest = rest_after(rest, cut);
            current.first_line_indent = 0;  // the continuation is not a new paragraph
        }
        new_page();
    }
}

void PageFlow::block(double height, std::function<void(cairo_t*, double, double, double)> draw) {
    keep(height);
    const double x = geometry_.left;
    const double top = y_;
    const double width = geometry_.body_width();
    add([draw = std::move(draw), x, top, width](cairo_t* cr) { draw(cr, x, top, width); });
    y_ += height;
}

void PageFlow::table(const Table& table) {
    TableLayout(*this, table).run();
}

// ---- Writing --------------------------------------------------------------------------------

Result<std::string> write_pdf(const PdfInfo& info, const std::vector<PdfPart>& parts) {
    for (const auto& part : parts) {
        if (part.flow == nullptr) return fail(Error::internal("write_pdf: a part without pages"));
        RETURN_IF_ERROR(part.flow->status());
    }
    const PageGeometry geometry = parts.empty() ? PageGeometry{} : parts.front().flow->geometry();
    std::string out;
    std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(cairo_pdf_surface_create_for_stream(
        append_to_string, &out, geometry.width, geometry.height));
    RETURN_IF_ERROR(check(surface.get(), nullptr, "cairo PDF"));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, info.title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, info.author.c_str());
    if (!info.subject.empty()) {
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_SUBJECT,
                                       info.subject.c_str());
    }
    if (!info.keywords.empty()) {
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_KEYWORDS,
                                       info.keywords.c_str());
    }
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR,
                                   "慧星 · 北京市星级智慧社区认定系统");
    {
        std::unique_ptr<cairo_t, ContextDestroy> cr(cairo_create(surface.get()));
        for (std::size_t index = 0; index < parts.size(); ++index) {
            const PdfPart& part = parts[index];
            const auto& pages = part.flow->pages();
            for (std::size_t page = 0; page < pages.size(); ++page) {
                for (const auto& step : pages[page]) {
                    cairo_save(cr.get());
                    step(cr.get());
                    cairo_restore(cr.get());
                }
                if (part.furniture) {
                    const PageStamp stamp{static_cast<int>(page) + 1,
                                          static_cast<int>(pages.size()), index};
                    cairo_save(cr.get());
                    part.furniture(cr.get(), part.flow->geometry(), stamp);
                    cairo_restore(cr.get());
                }
                cairo_show_page(cr.get());
            }
        }
        RETURN_IF_ERROR(check(surface.get(), cr.get(), "cairo PDF"));
    }
    cairo_surface_finish(surface.get());
    RETURN_IF_ERROR(check(surface.get(), nullptr, "cairo PDF"));
    return out;
}

// ---- Shared pieces --------------------------------------------------------------------------

void draw_dash_page_number(cairo_t* cr, const PageGeometry& geometry, const PageStamp& stamp) {
    TextStyle style = body_style(13);
    style.face = FontFace::kSerif;
    style.align = TextAlign::kCenter;
    style.justify = false;
    const std::string text = "— " + std::to_string(stamp.number) + " —";
    draw_paragraph(cr, text, geometry.left, geometry.body_bottom() + 26, geometry.body_width(),
                   style);
}

void draw_page_of_total(cairo_t* cr, const PageGeometry& geometry, const PageStamp& stamp,
                        const std::string& left_text) {
    TextStyle style = heading_style(9);
    style.weight = FontWeight::kRegular;
    style.color = kInkSoft;
    const double y = geometry.body_bottom() + 24;
    cairo_save(cr);
    set_source(cr, kRule);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, geometry.left, y - 6);
    cairo_line_to(cr, geometry.width - geometry.right, y - 6);
    cairo_stroke(cr);
    cairo_restore(cr);
    if (!left_text.empty()) {
        draw_paragraph(cr, left_text, geometry.left, y, geometry.body_width() * 0.7, style);
    }
    style.align = TextAlign::kRight;
    draw_paragraph(
        cr, "第 " + std::to_string(stamp.number) + " 页 共 " + std::to_string(stamp.total) + " 页",
        geometry.left, y, geometry.body_width(), style);
}

void add_masthead(PageFlow& flow, const std::vector<std::string>& issuers,
                  const std::string& document_number) {
    cairo_t* cr = flow.measure();
    TextStyle name{FontFace::kSerif, 30, FontWeight::kBold, TextAlign::kLeft, kOfficialRed};
    TextStyle word = name;
    const std::string kWord = "文件";
    word.size = issuers.size() > 1 ? 40 : 30;
    // The names share one width; the block of names and "文件" is centred in the body.
    const double gap = 14;
    const double word_width = measure_line_width(cr, kWord, word);
    const double room = flow.width() - word_width - gap - 10;
    double names_width = 0;
    for (const auto& issuer : issuers) {
        name.size = std::min(name.size, fit_font_size(cr, issuer, room, name, 12));
    }
    for (const auto& issuer : issuers) {
        names_width = std::max(names_width, measure_line_width(cr, issuer, name));
    }
    const double line = measure_paragraph(cr, "国", 0, name) + 2;
    const double names_height =
        line * static_cast<double>(std::max<std::size_t>(issuers.size(), 1));
    const double word_height = measure_paragraph(cr, kWord, 0, word);
    const double block_height = std::max(names_height, word_height);

    struct Name {
        std::string text;
        TextStyle style;
    };
    std::vector<Name> names;
    for (const auto& issuer : issuers) {
        // Spread each name over the width of the longest (分散对齐), as on a printed masthead.
        TextStyle spread = name;
        const std::size_t count = code_points(issuer);
        if (count > 1) {
            spread.letter_spacing = (names_width - measure_line_width(cr, issuer, name)) /
                                    static_cast<double>(count - 1);
        }
        names.push_back({issuer, spread});
    }
    const double total_width = names_width + gap + word_width;
    flow.block(block_height + 6,
               [names, word, kWord, names_width, total_width, line, names_height, block_height,
                word_height, gap](cairo_t* c, double x, double y, double width) {
                   const double left = x + (width - total_width) / 2;
                   double ny = y + (block_height - names_height) / 2;
                   for (const auto& entry : names) {
                       draw_paragraph(c, entry.text, left, ny, names_width + 40, entry.style);
                       ny += line;
                   }
                   draw_paragraph(c, kWord, left + names_width + gap,
                                  y + (block_height - word_height) / 2, 0, word);
               });
    flow.space(18);
    TextStyle number = body_style(15);
    number.align = TextAlign::kCenter;
    number.justify = false;
    if (!document_number.empty()) flow.paragraph(document_number, number);
    flow.space(6);
    flow.block(14, [](cairo_t* c, double x, double y, double width) {
        cairo_save(c);
        set_source(c, kOfficialRed);
        cairo_set_line_width(c, 2);
        cairo_move_to(c, x, y + 6);
        cairo_line_to(c, x + width, y + 6);
        cairo_stroke(c);
        cairo_restore(c);
    });
    flow.space(20);
}

void add_title(PageFlow& flow, const std::string& title, double size, double space_after) {
    TextStyle style{FontFace::kSerif, size, FontWeight::kBold, TextAlign::kCenter, kInk};
    style.line_height = 1.3;
    const double indent = 24;  // a title stays clear of the margins
    // One line when a slightly smaller size allows it, rather than one character on the next.
    const double fitted =
        fit_font_size(flow.measure(), title, flow.width() - 2 * indent, style, size * 0.85);
    if (measure_line_width(flow.measure(), title, TextStyle{style.face, fitted, style.weight}) <=
        flow.width() - 2 * indent) {
        style.size = fitted;
    }
    flow.keep(measure_paragraph(flow.measure(), title, flow.width() - 2 * indent, style) + 60);
    flow.paragraph(title, style, indent, indent);
    flow.space(space_after);
}

namespace {

TextStyle official_body() {
    TextStyle style = body_style(15);
    style.line_height = 1.55;
    return style;
}

}  // namespace

void add_body_text(PageFlow& flow, const std::string& text) {
    TextStyle style = official_body();
    style.first_line_indent = 2 * style.size;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string line = text.substr(start, end - start);
        if (!line.empty()) flow.paragraph(line, style);
        start = end + 1;
    }
}

void add_salutation(PageFlow& flow, const std::string& addressees) {
    TextStyle style = official_body();
    style.justify = false;
    flow.paragraph(addressees + "：", style);
}

void add_signature(PageFlow& flow, const std::vector<std::string>& issuers,
                   const std::string& date) {
    TextStyle style = official_body();
    style.justify = false;
    style.align = TextAlign::kRight;
    std::string lines;
    for (const auto& issuer : issuers) lines += issuer + "\n";
    lines += date;
    const double right_indent = 2 * style.size;  // GB/T 9704: 成文日期右空四字; two here
    const double width = flow.width() - right_indent;
    const double height = measure_paragraph(flow.measure(), lines, width, style);
    flow.space(36);
    flow.block(height, [lines, style, width](cairo_t* cr, double x, double y, double) {
        draw_paragraph(cr, lines, x, y, width, style);
    });
}

void ContentCheck::required(const std::string& field, const std::string& value,
                            const std::string& what, std::size_t max_bytes) {
    if (value.empty()) {
        problem(field, what + "不能为空");
        return;
    }
    bounded(field, value, what, max_bytes);
}

void ContentCheck::bounded(const std::string& field, const std::string& value,
                           const std::string& what, std::size_t max_bytes) {
    if (value.size() > max_bytes) {
        problem(field, what + "过长（" + std::to_string(value.size()) + " 字节，最多 " +
                           std::to_string(max_bytes) + " 字节）");
    }
}

void ContentCheck::star(const std::string& field, int star, int min, const std::string& what) {
    if (star < min || star > 5) {
        problem(field,
                what + "应为 " + std::to_string(min) + " 至 5，收到 " + std::to_string(star));
    }
}

void ContentCheck::count(const std::string& field, std::size_t items, std::size_t max_items,
                         const std::string& what) {
    if (items == 0) {
        problem(field, what + "为空，无法生成文档");
    } else if (items > max_items) {
        problem(field, what + "过多（" + std::to_string(items) + " 项，最多 " +
                           std::to_string(max_items) + " 项）");
    }
}

void ContentCheck::problem(const std::string& field, const std::string& message) {
    problems_.push_back({field, message});
}

Status ContentCheck::status() const {
    if (problems_.empty()) return ok();
    return fail(Error::invalid("document_invalid",
                               document_ + "内容不完整或有误：" + problems_.front().message,
                               problems_));
}

std::string star_marks(int star) {
    if (star <= 0) return "—";
    std::string out;
    for (int i = 0; i < star; ++i) out += "★";
    return out;
}

std::string star_words(int star) {
    static constexpr const char* kWords[] = {"—", "一星级", "二星级", "三星级", "四星级", "五星级"};
    if (star < 0 || star > 5) return std::to_string(star) + "星级";
    return kWords[star];
}

std::string chinese_ordinal(int number) {
    static constexpr const char* kDigits[] = {"零", "一", "二", "三", "四",
                                              "五", "六", "七", "八", "九"};
    if (number <= 0 || number >= 100) return std::to_string(number) + "、";
    std::string out;
    const int tens = number / 10;
    const int ones = number % 10;
    if (tens > 1) out += kDigits[tens];
    if (tens > 0) out += "十";
    if (ones > 0) out += kDigits[ones];
    return out + "、";
}

std::string join_enumeration(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += "、";
        out += item;
    }
    return out;
}

}  // namespace hx::render
