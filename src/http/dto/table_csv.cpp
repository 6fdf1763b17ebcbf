#include "http/dto/table_csv.hpp"

#include <cstdio>

namespace hx::dto {

namespace {

std::string cell_text(const stats::Cell& cell) {
    if (const auto* text = std::get_if<std::string>(&cell)) {
        if (!text->empty() && (text->front() == '=' || text->front() == '+' ||
                               text->front() == '-' || text->front() == '@')) {
            return "'" + *text;
        }
        return *text;
    }
    if (const auto* number = std::get_if<std::int64_t>(&cell)) return std::to_string(*number);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", std::get<stats::Ratio>(cell).value);
    return buffer;
}

}  // namespace

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string to_csv(const stats::Table& table) {
    std::string out = "\xEF\xBB\xBF";
    for (std::size_t i = 0; i < table.headers.size(); ++i) {
        if (i > 0) out += ',';
        out += csv_field(table.headers[i]);
    }
    out += "\r\n";
    for (const auto& row : table.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) out += ',';
            out += csv_field(cell_text(row[i]));
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace hx::dto
