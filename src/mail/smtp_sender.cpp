#include "mail/smtp_sender.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include "mail/message.hpp"

namespace hx::mail {

namespace {

constexpr std::size_t kMaxReply = 64 * 1024;

Error smtp_error(const std::string& message) {
    return {ErrorCode::kUnavailable, "smtp_failed", message};
}

struct Reply {
    int code = 0;
    std::string text;  // every line, joined by a space, without the codes
};

/// One connection; closed on scope exit.
class Connection {
public:
    Connection(int fd, std::chrono::milliseconds timeout) : fd_(fd), timeout_(timeout) {}
    ~Connection() {
        if (fd_ >= 0) ::close(fd_);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    Status write_all(std::string_view data) {
        while (!data.empty()) {
            RETURN_IF_ERROR(wait_for(POLLOUT, "发送"));
            const auto n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR || errno == EAGAIN) continue;
                return fail(smtp_error(std::string("发送失败：") + std::strerror(errno)));
            }
            data.remove_prefix(static_cast<std::size_t>(n));
        }
        return ok();
    }

    /// A whole reply: lines `NNN-text` until `NNN text` (RFC 5321 4.2).
    Result<Reply> read_reply() {
        Reply reply;
        for (;;) {
            ASSIGN_OR_RETURN(auto line, read_line());
            if (line.size() < 3 || !std::isdigit(static_cast<unsigned char>(line[0])) ||
                !std::isdigit(static_cast<unsigned char>(line[1])) ||
                !std::isdigit(static_cast<unsigned char>(line[2]))) {
                return fail(smtp_error("SMTP 服务器的应答无法识别：" + line.substr(0, 80)));
            }
            reply.code = std::stoi(line.substr(0, 3));
            if (!reply.text.empty()) reply.text += ' ';
            reply.text += line.size() > 4 ? line.substr(4) : std::string();
            if (line.size() == 3 || line[3] != '-') return reply;
        }
    }

private:
    Status wait_for(short events, const char* what) {
        pollfd p{fd_, events, 0};
        for (;;) {
            const int ready = ::poll(&p, 1, static_cast<int>(timeout_.count()));
            if (ready > 0) return ok();
            if (ready == 0) return fail(smtp_error(std::string("等待 SMTP 服务器超时（") + what + "）"));
            if (errno != EINTR) return fail(smtp_error(std::string("poll 失败：") + std::strerror(errno)));
        }
    }

    Result<std::string> read_line() {
        for (;;) {
            const auto end = buffer_.find("\r\n");
            if (end != std::string::npos) {
                auto line = buffer_.substr(0, end);
                buffer_.erase(0, end + 2);
                return line;
            }
            if (buffer_.size() > kMaxReply) return fail(smtp_error("SMTP 服务器的应答过长"));
            RETURN_IF_ERROR(wait_for(POLLIN, "接收"));
            char chunk[4096];
            const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
            if (n == 0) return fail(smtp_error("SMTP 服务器关闭了连接"));
            if (n < 0) {
                if (errno == EINTR || errno == EAGAIN) continue;
                return fail(smtp_error(std::string("接收失败：") + std::strerror(errno)));
            }
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }

    int fd_;
    std::chrono::milliseconds timeout_;
    std::string buffer_;
};

/// A non-blocking socket connected to one of the host's addresses within the timeout.
Result<int> connect_to(const SmtpConfig& config) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const auto port = std::to_string(config.port);
    if (const int rc = ::getaddrinfo(config.host.c_str(), port.c_str(), &hints, &found); rc != 0) {
        return fail(smtp_error("无法解析 SMTP 服务器 " + config.host + "：" + ::gai_strerror(rc)));
    }
    std::string last = "没有可用的地址";
    int connected = -1;
    for (auto* a = found; a != nullptr && connected < 0; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
        if (rc < 0 && errno == EINPROGRESS) {
            pollfd p{fd, POLLOUT, 0};
            rc = ::poll(&p, 1, static_cast<int>(config.timeout.count()));
            int error = 0;
            socklen_t size = sizeof error;
            if (rc == 0) {
                error = ETIMEDOUT;
            } else if (rc > 0) {
                ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size);
            } else {
                error = errno;
            }
            rc = error == 0 ? 0 : -1;
            errno = error;
        }
        if (rc == 0) {
            connected = fd;
        } else {
            last = std::strerror(errno);
            ::close(fd);
        }
    }
    ::freeaddrinfo(found);
    if (connected < 0) {
        return fail(smtp_error("无法连接 SMTP 服务器 " + config.host + ":" + port + "：" + last));
    }
    return connected;
}

/// Sends a command (none for the greeting) and checks the reply's first digit is `expected`.
Status step(Connection& connection, const std::string& command, char expected, const char* what) {
    if (!command.empty()) RETURN_IF_ERROR(connection.write_all(command + "\r\n"));
    ASSIGN_OR_RETURN(const auto reply, connection.read_reply());
    if (std::to_string(reply.code)[0] != expected) {
        return fail(smtp_error(std::string("SMTP 服务器拒绝了") + what + "：" + std::to_string(reply.code) +
                               " " + reply.text.substr(0, 200)));
    }
    return ok();
}

Status converse(Connection& connection, const SmtpConfig& config, const reminders::MailMessage& message) {
    RETURN_IF_ERROR(step(connection, "", '2', "连接"));
    if (!step(connection, "EHLO " + config.helo, '2', "EHLO")) {
        RETURN_IF_ERROR(step(connection, "HELO " + config.helo, '2', "HELO"));
    }
    RETURN_IF_ERROR(step(connection, "MAIL FROM:<" + config.from + ">", '2', "发件人"));
    RETURN_IF_ERROR(step(connection, "RCPT TO:<" + message.to + ">", '2', "收件人"));
    RETURN_IF_ERROR(step(connection, "DATA", '3', "DATA"));
    RETURN_IF_ERROR(connection.write_all(dot_stuff(render_message(message, config.from))));
    RETURN_IF_ERROR(step(connection, "", '2', "邮件内容"));
    return ok();
}

}  // namespace

Result<SmtpConfig> parse_smtp_address(const std::string& host_port) {
    SmtpConfig config;
    const auto bad = [&] {
        return fail(Error::invalid("bad_smtp", "SMTP 服务器地址 '" + host_port + "' 应为 主机:端口，如 127.0.0.1:25"));
    };
    const auto colon = host_port.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == host_port.size()) return bad();
    config.host = host_port.substr(0, colon);
    if (config.host.front() == '[') {
        if (config.host.size() < 3 || config.host.back() != ']') return bad();
        config.host = config.host.substr(1, config.host.size() - 2);
    }
    const auto port_text = host_port.substr(colon + 1);
    if (port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos) return bad();
    const int port = std::stoi(port_text);
    if (port < 1 || port > 65535) return bad();
    config.port = static_cast<unsigned short>(port);
    return config;
}

Status SmtpSender::send(const reminders::MailMessage& message) {
    ASSIGN_OR_RETURN(const int fd, connect_to(config_));
    Connection connection(fd, config_.timeout);
    const auto sent = converse(connection, config_, message);
    // QUIT either way (after a refusal it ends the session politely); its answer changes nothing.
    if (connection.write_all("QUIT\r\n")) (void)connection.read_reply();
    return sent;
}

}  // namespace hx::mail
