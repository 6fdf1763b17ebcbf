#pragma once
/// A multipart/form-data body (RFC 7578) as the console's uploads send it: plain fields first,
/// then the files. Shared by the golden cases (`form` and `file` lines) and the C++ tests.
#include <string>
#include <vector>

namespace hx::testing {

struct MultipartPart {
    std::string name;
    std::string value;               ///< a field's value, or a file's bytes
    std::string filename = {};       ///< empty for a plain field
    std::string content_type = {};   ///< a file's declared type
};

inline std::string multipart_body(const std::string& boundary, const std::vector<MultipartPart>& parts) {
    std::string body;
    for (const auto& part : parts) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name + "\"";
        if (!part.filename.empty()) body += "; filename=\"" + part.filename + "\"";
        body += "\r\n";
        if (!part.content_type.empty()) body += "Content-Type: " + part.content_type + "\r\n";
        body += "\r\n" + part.value + "\r\n";
    }
    return body + "--" + boundary + "--\r\n";
}

}  // namespace hx::testing
