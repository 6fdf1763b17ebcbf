// The SMTP client and the message it writes: RFC 2047 subject, base64 UTF-8 body, dot-stuffing,
// Date and Message-ID; against the tests' fake SMTP server: delivered, refused, timed out.
#include <gtest/gtest.h>

#include "fake_smtp.hpp"
#include "mail/message.hpp"
#include "mail/smtp_sender.hpp"

namespace hx::mail {
namespace {

using testing::FakeSmtpServer;
using testing::parse_mail;

reminders::MailMessage sample() {
    reminders::MailMessage m;
    m.to = "zhangsan@example.cn";
    m.subject = "【慧星】还有 7 天截止：提交申报（多福巷社区，2026年度星级智慧社区试点认定）";
    m.body = "请于 2026-10-31 23:59（北京时间）前提交申报。\n.以点开头的一行\n";
    m.message_id = "<reminder-7@example.cn>";
    EXPECT_TRUE(parse_rfc3339("2026-10-24T08:00:00+08:00", m.date));
    return m;
}

TEST(MailMessage, SubjectIsEncodedInWordsOfWholeCharacters) {
    const auto subject = sample().subject;
    const auto encoded = encode_header_text(subject);
    EXPECT_EQ(encoded.find("【"), std::string::npos);
    std::size_t words = 0;
    for (std::size_t at = 0; (at = encoded.find("=?UTF-8?B?", at)) != std::string::npos; ++at) ++words;
    EXPECT_GE(words, 2U);
    // Every line of the folded header stays within 76 characters (RFC 2047 2: a word ≤ 75).
    std::size_t start = 0;
    for (;;) {
        const auto end = encoded.find("\r\n", start);
        EXPECT_LE((end == std::string::npos ? encoded.size() : end) - start, 76U);
        if (end == std::string::npos) break;
        start = end + 2;
    }
    EXPECT_EQ(parse_mail("Subject: " + encoded + "\r\n\r\n").subject, subject);
    EXPECT_EQ(encode_header_text("Plain ASCII"), "Plain ASCII");
}

TEST(MailMessage, HeadersAndBase64Body) {
    const auto text = render_message(sample(), "huixing@example.cn");
    const auto mail = parse_mail(text);
    EXPECT_EQ(mail.headers.at("date"), "Sat, 24 Oct 2026 08:00:00 +0800");
    EXPECT_EQ(mail.headers.at("message-id"), "<reminder-7@example.cn>");
    EXPECT_EQ(mail.headers.at("to"), "<zhangsan@example.cn>");
    EXPECT_NE(mail.headers.at("from").find("<huixing@example.cn>"), std::string::npos);
    EXPECT_EQ(mail.headers.at("content-type"), "text/plain; charset=UTF-8");
    EXPECT_EQ(mail.headers.at("content-transfer-encoding"), "base64");
    EXPECT_EQ(mail.headers.at("mime-version"), "1.0");
    EXPECT_EQ(mail.subject, sample().subject);
    EXPECT_EQ(mail.body, sample().body);
    for (std::size_t at = text.find("\r\n\r\n") + 4, end = 0; at < text.size(); at = end + 2) {
        end = text.find("\r\n", at);
        EXPECT_LE(end - at, 76U);
    }
}

TEST(MailMessage, DotStuffingAndTerminator) {
    EXPECT_EQ(dot_stuff("a\r\n.b\r\n..c\r\n"), "a\r\n..b\r\n...c\r\n.\r\n");
    EXPECT_EQ(dot_stuff(".x"), "..x\r\n.\r\n");
    EXPECT_EQ(dot_stuff("a\nb"), "a\r\nb\r\n.\r\n");
    EXPECT_EQ(dot_stuff("a\r\n.\r\nb\r\n"), "a\r\n..\r\nb\r\n.\r\n");
}

TEST(SmtpAddress, HostAndPort) {
    auto config = parse_smtp_address("127.0.0.1:2525");
    ASSERT_TRUE(config);
    EXPECT_EQ(config->host, "127.0.0.1");
    EXPECT_EQ(config->port, 2525);
    config = parse_smtp_address("[::1]:25");
    ASSERT_TRUE(config);
    EXPECT_EQ(config->host, "::1");
    for (const char* bad : {"", "mail", "mail:", ":25", "mail:0", "mail:65536", "mail:2x", "[::1:25"}) {
        EXPECT_FALSE(parse_smtp_address(bad)) << bad;
    }
}

SmtpConfig config_for(const FakeSmtpServer& server) {
    auto config = parse_smtp_address(server.address());
    EXPECT_TRUE(config);
    config->from = "huixing@example.cn";
    config->timeout = std::chrono::milliseconds(2000);
    return *config;
}

TEST(SmtpSender, DeliversToTheRelay) {
    FakeSmtpServer server;
    SmtpSender sender(config_for(server));
    ASSERT_TRUE(sender.send(sample()));
    const auto received = server.wait_for(1);
    ASSERT_EQ(received.size(), 1U);
    EXPECT_EQ(received[0].from, "huixing@example.cn");
    EXPECT_EQ(received[0].to, std::vector<std::string>{"zhangsan@example.cn"});
    const auto mail = parse_mail(received[0].data);
    EXPECT_EQ(mail.subject, sample().subject);
    EXPECT_EQ(mail.body, sample().body);
}

TEST(SmtpSender, ARefusedRecipientIsAnErrorWithTheReply) {
    FakeSmtpServer server;
    server.refuse_next(1);
    SmtpSender sender(config_for(server));
    const auto sent = sender.send(sample());
    ASSERT_FALSE(sent);
    EXPECT_EQ(sent.error().code(), ErrorCode::kUnavailable);
    EXPECT_NE(sent.error().message().find("451"), std::string::npos) << sent.error().message();
    EXPECT_TRUE(server.received().empty());
    ASSERT_TRUE(sender.send(sample()));  // the next one goes through
}

TEST(SmtpSender, ASilentRelayTimesOut) {
    FakeSmtpServer server(FakeSmtpServer::Mode::kSilent);
    auto config = config_for(server);
    config.timeout = std::chrono::milliseconds(300);
    SmtpSender sender(config);
    const auto started = std::chrono::steady_clock::now();
    const auto sent = sender.send(sample());
    ASSERT_FALSE(sent);
    EXPECT_NE(sent.error().message().find("超时"), std::string::npos) << sent.error().message();
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(SmtpSender, NobodyListeningIsAnError) {
    unsigned short port = 0;
    {
        FakeSmtpServer gone;  // bound and closed again: nothing listens on the port now
        port = gone.port();
    }
    auto config = parse_smtp_address("127.0.0.1:" + std::to_string(port));
    ASSERT_TRUE(config);
    config->from = "huixing@example.cn";
    const auto sent = SmtpSender(*config).send(sample());
    ASSERT_FALSE(sent);
    EXPECT_NE(sent.error().message().find("无法连接"), std::string::npos) << sent.error().message();
}

}  // namespace
}  // namespace hx::mail
