#include "fake_smtp.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace hx::testing {

namespace {

std::string base64_decode(const std::string& text) {
    std::string out(text.size(), '\0');
    std::size_t size = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                          " \r\n", &size, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
        return "<bad base64>";
    }
    out.resize(size);
    return out;
}

/// `=?UTF-8?B?…?=` words (separated by folding white space) decoded; anything else as is.
std::string decode_words(const std::string& value) {
    std::string out;
    std::size_t at = 0;
    while (at < value.size()) {
        const auto start = value.find("=?UTF-8?B?", at);
        if (start == std::string::npos) {
            out += value.substr(at);
            break;
        }
        const auto between = value.substr(at, start - at);
        if (!std::all_of(between.begin(), between.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
            out += between;
        }
        const auto end = value.find("?=", start + 10);
        if (end == std::string::npos) return out + "<unterminated encoded-word>";
        out += base64_decode(value.substr(start + 10, end - start - 10));
        at = end + 2;
    }
    return out;
}

bool read_line(int fd, std::string& buffer, std::string& line) {
    for (;;) {
        const auto end = buffer.find("\r\n");
        if (end != std::string::npos) {
            line = buffer.substr(0, end);
            buffer.erase(0, end + 2);
            return true;
        }
        char chunk[4096];
        const auto n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) return false;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

void write_text(int fd, const std::string& text) { (void)::send(fd, text.data(), text.size(), MSG_NOSIGNAL); }

std::string upper(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

std::string angle_address(const std::string& line) {
    const auto open = line.find('<');
    const auto close = line.find('>', open);
    if (open == std::string::npos || close == std::string::npos) return {};
    return line.substr(open + 1, close - open - 1);
}

}  // namespace

ParsedMail parse_mail(const std::string& data) {
    ParsedMail mail;
    const auto split = data.find("\r\n\r\n");
    const std::string head = data.substr(0, split);
    std::string last;
    std::size_t at = 0;
    while (at <= head.size()) {
        auto end = head.find("\r\n", at);
        if (end == std::string::npos) end = head.size();
        const auto line = head.substr(at, end - at);
        at = end + 2;
        if (line.empty()) continue;
        if ((line[0] == ' ' || line[0] == '\t') && !last.empty()) {
            mail.headers[last] += line;  // unfold (the folding CRLF goes)
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto value = line.substr(colon + 1);
        if (!value.empty() && value[0] == ' ') value.erase(0, 1);
        mail.headers[name] = value;
        last = name;
    }
    mail.subject = decode_words(mail.headers["subject"]);
    const auto body = split == std::string::npos ? std::string() : data.substr(split + 4);
    mail.body = mail.headers["content-transfer-encoding"] == "base64" ? base64_decode(body) : body;
    return mail;
}

FakeSmtpServer::FakeSmtpServer(Mode mode) : mode_(mode) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 8) != 0) {
        throw std::runtime_error("fake SMTP server: cannot listen");
    }
    socklen_t size = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
}

FakeSmtpServer::~FakeSmtpServer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    ::shutdown(listener_, SHUT_RDWR);  // wakes accept()
    thread_.join();
    ::close(listener_);
}

void FakeSmtpServer::set_mode(Mode mode) {
    std::lock_guard lock(mutex_);
    mode_ = mode;
}

void FakeSmtpServer::refuse_next(int count, std::string reply) {
    std::lock_guard lock(mutex_);
    refuse_ = count;
    refusal_ = std::move(reply);
}

std::vector<ReceivedMail> FakeSmtpServer::wait_for(std::size_t count, std::chrono::seconds timeout) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return received_.size() >= count; });
    return received_;
}

int FakeSmtpServer::wait_for_refusals(int count, std::chrono::seconds timeout) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return refused_ >= count; });
    return refused_;
}

int FakeSmtpServer::wait_for_connections(int count, std::chrono::seconds timeout) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return connections_ >= count; });
    return connections_;
}

std::vector<ReceivedMail> FakeSmtpServer::received() {
    std::lock_guard lock(mutex_);
    return received_;
}

void FakeSmtpServer::serve() {
    for (;;) {
        const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
            continue;
        }
        {
            std::lock_guard lock(mutex_);
            ++connections_;
        }
        changed_.notify_all();
        // A client that hangs does not hang the test.
        timeval limit{10, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
        session(fd);
        ::close(fd);
    }
}

void FakeSmtpServer::session(int fd) {
    std::string buffer;
    std::string line;
    Mode mode = Mode::kNormal;
    {
        std::lock_guard lock(mutex_);
        mode = mode_;
    }
    if (mode == Mode::kSilent) {
        while (read_line(fd, buffer, line)) {
        }
        return;
    }
    write_text(fd, "220 fake.test ESMTP\r\n");
    ReceivedMail mail;
    while (read_line(fd, buffer, line)) {
        const auto verb = upper(line.substr(0, 4));
        if (verb == "EHLO") {
            write_text(fd, "250-fake.test\r\n250 8BITMIME\r\n");
        } else if (verb == "HELO" || verb == "NOOP") {
            write_text(fd, "250 OK\r\n");
        } else if (verb == "RSET") {
            mail = {};
            write_text(fd, "250 OK\r\n");
        } else if (verb == "MAIL") {
            mail = {};
            mail.from = angle_address(line);
            write_text(fd, "250 OK\r\n");
        } else if (verb == "RCPT") {
            std::string refusal;
            {
                std::lock_guard lock(mutex_);
                if (refuse_ > 0) {
                    --refuse_;
                    ++refused_;
                    refusal = refusal_ + " <" + angle_address(line) + ">";
                }
            }
            changed_.notify_all();
            if (!refusal.empty()) {
                write_text(fd, refusal + "\r\n");
                continue;
            }
            mail.to.push_back(angle_address(line));
            write_text(fd, "250 OK\r\n");
        } else if (verb == "DATA") {
            write_text(fd, "354 End data with <CR><LF>.<CR><LF>\r\n");
            std::string data;
            while (read_line(fd, buffer, line) && line != ".") {
                if (!line.empty() && line[0] == '.') line.erase(0, 1);
                data += line + "\r\n";
            }
            mail.data = data;
            {
                std::lock_guard lock(mutex_);
                received_.push_back(mail);
            }
            changed_.notify_all();
            write_text(fd, "250 OK queued\r\n");
        } else if (verb == "QUIT") {
            write_text(fd, "221 Bye\r\n");
            return;
        } else {
            write_text(fd, "500 Unknown command\r\n");
        }
    }
}

}  // namespace hx::testing
