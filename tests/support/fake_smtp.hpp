#pragma once
/// A tiny SMTP server for tests: listens on 127.0.0.1:0, speaks just enough RFC 5321 (EHLO,
/// HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) to receive what Huixing sends, and can refuse the
/// next RCPT TO or stay silent. One connection at a time, on a thread of its own.
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hx::testing {

struct ReceivedMail {
    std::string from;   // MAIL FROM's address
    std::vector<std::string> to;
    std::string data;   // as received, dot-stuffing undone, CRLF line ends
};

/// A received message taken apart: header fields (unfolded; names in lower case), the subject
/// and the body decoded from RFC 2047 and base64.
struct ParsedMail {
    std::map<std::string, std::string> headers;
    std::string subject;
    std::string body;
};
ParsedMail parse_mail(const std::string& data);

class FakeSmtpServer {
public:
    enum class Mode { kNormal, kSilent };
    explicit FakeSmtpServer(Mode mode = Mode::kNormal);
    ~FakeSmtpServer();
    FakeSmtpServer(const FakeSmtpServer&) = delete;
    FakeSmtpServer& operator=(const FakeSmtpServer&) = delete;

    [[nodiscard]] unsigned short port() const { return port_; }
    [[nodiscard]] std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

    /// From the next connection on, answer (kNormal) or stay silent (kSilent).
    void set_mode(Mode mode);

    /// The next `count` RCPT TO get `reply` (a 4xx: try again later).
    void refuse_next(int count, std::string reply = "451 4.3.0 Temporary failure, try again");

    /// Waits until at least `count` messages arrived (or the timeout passed); returns them all.
    std::vector<ReceivedMail> wait_for(std::size_t count, std::chrono::seconds timeout = std::chrono::seconds(30));
    /// Waits until at least `count` RCPT TO were refused; returns how many were.
    int wait_for_refusals(int count, std::chrono::seconds timeout = std::chrono::seconds(30));
    /// Waits until at least `count` connections were accepted; returns how many were.
    int wait_for_connections(int count, std::chrono::seconds timeout = std::chrono::seconds(30));
    [[nodiscard]] std::vector<ReceivedMail> received();

private:
    void serve();
    void session(int fd);

    Mode mode_;
    int listener_ = -1;
    unsigned short port_ = 0;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<ReceivedMail> received_;
    int refuse_ = 0;
    int refused_ = 0;
    int connections_ = 0;
    std::string refusal_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace hx::testing
