#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace hx::http {

namespace {

Error malformed(const std::string& why) {
    return Error::invalid("invalid_multipart", "上传内容格式有误：" + why);
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

/// The value of `key=` in a header's parameters (quoted or not), e.g. name="file".
std::optional<std::string> parameter(std::string_view header, std::string_view key) {
    const auto lowered = lower(header);
    std::size_t pos = 0;
    while ((pos = lowered.find(std::string(key) + "=", pos)) != std::string::npos) {
        const bool at_start = pos == 0 || lowered[pos - 1] == ';' || lowered[pos - 1] == ' ';
        pos += key.size() + 1;
        if (!at_start) continue;
        if (pos < header.size() && header[pos] == '"') {
            std::string value;
            for (std::size_t i = pos + 1; i < header.size(); ++i) {
                if (header[i] == '\\' && i + 1 < header.size()) {
                    value.push_back(header[++i]);
                } else if (header[i] == '"') {
                    return value;
                } else {
                    value.push_back(header[i]);
                }
            }
            return std::nullopt;
        }
        const auto end = header.find(';', pos);
        return std::string(trim(header.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos)));
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
    if (lower(content_type).rfind("multipart/form-data", 0) != 0) return std::nullopt;
    auto boundary = parameter(content_type, "boundary");
    if (!boundary || boundary->empty() || boundary->size() > 200) return std::nullopt;
    return boundary;
}

Result<std::vector<Part>> parse_multipart(std::string_view body, std::string_view boundary) {
    const std::string delimiter = "--" + std::string(boundary);
    std::vector<Part> parts;
    auto pos = body.find(delimiter);
    if (pos == std::string_view::npos) return fail(malformed("找不到分隔符"));
    pos += delimiter.size();
    while (true) {
        if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
        if (body.substr(pos, 2) != "\r\n") return fail(malformed("分隔符后缺少换行"));
        pos += 2;
        const auto headers_end = body.find("\r\n\r\n", pos);
        if (headers_end == std::string_view::npos) return fail(malformed("缺少分段头"));
        Part part;
        auto headers = body.substr(pos, headers_end - pos);
        while (!headers.empty()) {
            const auto line_end = headers.find("\r\n");
            const auto line = headers.substr(0, line_end);
            const auto colon = line.find(':');
            if (colon != std::string_view::npos) {
                const auto name = lower(trim(line.substr(0, colon)));
                const auto value = trim(line.substr(colon + 1));
                if (name == "content-disposition") {
                    if (lower(value).rfind("form-data", 0) != 0) return fail(malformed("分段不是 form-data"));
                    part.name = parameter(value, "name").value_or("");
                    part.file_name = parameter(value, "filename");
                } else if (name == "content-type") {
                    part.content_type = std::string(value);
                }
            }
            if (line_end == std::string_view::npos) break;
            headers.remove_prefix(line_end + 2);
        }
        const auto data_start = headers_end + 4;
        const auto next = body.find("\r\n" + delimiter, data_start);
        if (next == std::string_view::npos) return fail(malformed("缺少结束分隔符"));
        part.data = std::string(body.substr(data_start, next - data_start));
        if (part.name.empty()) return fail(malformed("分段缺少 name"));
        parts.push_back(std::move(part));
        if (parts.size() > kMaxParts) return fail(malformed("分段过多"));
        pos = next + 2 + delimiter.size();
    }
}

}  // namespace hx::http
