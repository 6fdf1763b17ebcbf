#pragma once
/// The paged A4 document every PDF of the workflow is made of (render/documents.hpp): a body
/// laid out top to bottom by a cursor that moves to a new page when a block does not fit, tables
/// whose header row is repeated on each page they reach, paragraphs and table cells that flow
/// from one page onto the next, and the furniture of each page (page number, copy mark, notices)
/// drawn once the number of pages is known.
///
/// Layout first, drawing later: PageFlow measures on a private recording surface and keeps, for
/// each page, the list of drawing steps; write_pdf replays them onto a cairo PDF surface, one or
/// more times (the three copies of an application form are one layout written three times), and
/// adds the furniture with "page N of M". Everything is owned by the call: safe on any thread.
#include <cairo.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "render/text_layout.hpp"

namespace hx::render {

/// A4 in points.
inline constexpr double kA4Width = 595.28;
inline constexpr double kA4Height = 841.89;

/// The body area of a page: what is left inside the margins. The furniture (header band, page
/// number) lives in the margins.
struct PageGeometry {
    double width = kA4Width;
    double height = kA4Height;
    double top = 90;     // GB/T 9704 leaves 37 mm above the body; a little less here
    double bottom = 72;  // the page number sits in this margin
    double left = 72;
    double right = 66;

    [[nodiscard]] double body_width() const { return width - left - right; }
    [[nodiscard]] double body_bottom() const { return height - bottom; }
};

/// The ink of a Chinese government document.
inline constexpr Color kInk = rgb(0x111111);
inline constexpr Color kInkSoft = rgb(0x555555);
inline constexpr Color kOfficialRed = rgb(0xD7000F);  // 发文机关标志 and its rule
inline constexpr Color kRule = rgb(0x333333);
inline constexpr Color kShade = rgb(0xEFEFEF);

/// The body text (仿宋-like serif) and heading (黑体-like sans) styles, in points.
TextStyle body_style(double size = 14);
TextStyle heading_style(double size = 15);
/// The text of table cells: the body face, tighter lines, not justified.
TextStyle cell_style(double size = 10.5);

struct TableColumn {
    std::string header;
    double width = 1;  // a weight: columns share the body width in proportion
    TextAlign align = TextAlign::kLeft;
    bool label = false;  // a shaded column of field names (the left column of a form)
};

/// One row. Fewer cells than columns: the last cell spans the rest (a long value in a form, or
/// with one cell a group heading across the table). `shaded` greys the row (group headings).
struct TableRow {
    std::vector<std::string> cells;
    bool shaded = false;
};

struct Table {
    std::vector<TableColumn> columns;
    std::vector<TableRow> rows;
    bool header = true;  // draw (and repeat on every page) the row of column headers
    TextStyle body = cell_style(10.5);
    TextStyle head = heading_style(10.5);
    double padding = 4;
};

/// One step of drawing, replayed when the PDF is written.
using DrawStep = std::function<void(cairo_t*)>;

/// The cursor over the pages of one document body.
class PageFlow {
public:
    explicit PageFlow(PageGeometry geometry = {});
    PageFlow(PageFlow&&) noexcept;
    PageFlow& operator=(PageFlow&&) noexcept;
    PageFlow(const PageFlow&) = delete;
    PageFlow& operator=(const PageFlow&) = delete;
    ~PageFlow();

    [[nodiscard]] const PageGeometry& geometry() const { return geometry_; }
    /// A cairo context for measuring text (never drawn on).
    [[nodiscard]] cairo_t* measure() const { return measure_; }
    [[nodiscard]] double left() const { return geometry_.left; }
    [[nodiscard]] double width() const { return geometry_.body_width(); }
    [[nodiscard]] double y() const { return y_; }
    [[nodiscard]] double remaining() const { return geometry_.body_bottom() - y_; }
    [[nodiscard]] bool at_page_top() const { return y_ <= geometry_.top; }

    void new_page();
    /// A new page unless `height` still fits on this one (or this page is still empty).
    void keep(double height);
    /// Vertical space; none at the top of a page.
    void space(double height);
    /// A paragraph across the body width (less the indents); flows onto the next page line by
    /// line when it does not fit.
    void paragraph(const std::string& text, const TextStyle& style, double indent = 0,
                   double right_indent = 0);
    /// A block that is never split: drawn by `draw(cr, x, y, width)` at the cursor, on a new
    /// page when `height` does not fit here.
    void block(double height, std::function<void(cairo_t*, double, double, double)> draw);
    /// A table; rows move to the next page whole when they can, the header row is repeated.
    void table(const Table& table);

    [[nodiscard]] const std::vector<std::vector<DrawStep>>& pages() const { return pages_; }
    /// Error::internal when cairo failed while measuring.
    [[nodiscard]] Status status() const;

private:
    void add(DrawStep step) { pages_.back().push_back(std::move(step)); }

    PageGeometry geometry_;
    cairo_surface_t* surface_ = nullptr;
    cairo_t* measure_ = nullptr;
    double y_ = 0;
    std::vector<std::vector<DrawStep>> pages_;
};

/// Where a page stands in its part of the file: page `number` (from 1) of `total`; for the
/// copies of a form, part `part` (from 0) of the file.
struct PageStamp {
    int number = 1;
    int total = 1;
    std::size_t part = 0;
};

/// Drawn on each page over the body, with the page's stamp: headers, footers, marks.
using PageFurniture = std::function<void(cairo_t*, const PageGeometry&, const PageStamp&)>;

/// One run of pages of a file: the pages of `flow` with `furniture` on each; numbering restarts
/// in every part.
struct PdfPart {
    const PageFlow* flow = nullptr;
    PageFurniture furniture;
};

/// The document information dictionary (shown by readers as the file's properties).
struct PdfInfo {
    std::string title;
    std::string author;  // the issuing body
    std::string subject;
    std::string keywords;
};

/// The bytes of the PDF: each part's pages in order. Error::internal when cairo fails.
Result<std::string> write_pdf(const PdfInfo& info, const std::vector<PdfPart>& parts);

// ---- The pieces the documents share ------------------------------------------------------------

/// The page number at the foot of the page, GB/T 9704 style: "— 3 —".
void draw_dash_page_number(cairo_t* cr, const PageGeometry& geometry, const PageStamp& stamp);
/// "第 3 页 共 5 页" at the foot of the page, with optional text on the left of the same line.
void draw_page_of_total(cairo_t* cr, const PageGeometry& geometry, const PageStamp& stamp,
                        const std::string& left_text = {});

/// The red masthead of a document issued jointly (GB/T 9704 联合行文): the issuers' names
/// stacked in red with "文件" beside them, the document number, and the red rule.
void add_masthead(PageFlow& flow, const std::vector<std::string>& issuers,
                  const std::string& document_number);
/// A document's title, centred (小标宋-like bold serif): on one line when a slightly smaller size
/// allows it, else wrapped; then `space_after` points.
void add_title(PageFlow& flow, const std::string& title, double size = 21,
               double space_after = 20);
/// The body of an official document: each line of `text` a paragraph, first line indented by two
/// characters, in the 仿宋-like body face (GB/T 9704 uses 3号, 16 pt; 15 pt here).
void add_body_text(PageFlow& flow, const std::string& text);
/// The addressees (主送机关) on their own line, flush left, ending with "：".
void add_salutation(PageFlow& flow, const std::string& addressees);
/// The signature block (落款) at the right: the issuers, one a line, then the date.
void add_signature(PageFlow& flow, const std::vector<std::string>& issuers,
                   const std::string& date);

/// The checks of a document's content before it is laid out. Collects every problem; status()
/// is Error::invalid("document_invalid", "<document>内容不完整或有误：<first problem>", all of
/// them as field errors), or ok.
class ContentCheck {
public:
    explicit ContentCheck(std::string document) : document_(std::move(document)) {}

    /// Not empty, and not longer than `max_bytes`.
    void required(const std::string& field, const std::string& value, const std::string& what,
                  std::size_t max_bytes = kMaxFieldBytes);
    /// May be empty; not longer than `max_bytes`.
    void bounded(const std::string& field, const std::string& value, const std::string& what,
                 std::size_t max_bytes = kMaxFieldBytes);
    void star(const std::string& field, int star, int min, const std::string& what);
    /// At least one item and at most `max_items`.
    void count(const std::string& field, std::size_t items, std::size_t max_items,
               const std::string& what);
    void problem(const std::string& field, const std::string& message);

    [[nodiscard]] Status status() const;

    static constexpr std::size_t kMaxFieldBytes = 1024;
    static constexpr std::size_t kMaxTextBytes = 64 * 1024;  // a note or opinion

private:
    std::string document_;
    std::vector<FieldError> problems_;
};

/// "★★★" for 3; "—" for 0.
std::string star_marks(int star);
/// "三星级" for 3; "—" for 0.
std::string star_words(int star);
/// "一、" … "十、": the ordinal of a section heading.
std::string chinese_ordinal(int number);
/// The items joined by "、".
std::string join_enumeration(const std::vector<std::string>& items);

}  // namespace hx::render
