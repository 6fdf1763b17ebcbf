// Evidence types judged from the bytes (issue 10, item 5): the disguises an attacker would try.
#include <gtest/gtest.h>

#include <string>

#include "domain/applications/evidence_type.hpp"

namespace hx::applications {
namespace {

const std::string kPng("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
const std::string kJpeg("\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 20);
const std::string kPdf = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF\n";

TEST(EvidenceType, RealDocumentsAndPicturesPass) {
    EXPECT_EQ(sniff_evidence_type(kPng)->content_type, "image/png");
    EXPECT_EQ(sniff_evidence_type(kJpeg)->content_type, "image/jpeg");
    EXPECT_EQ(sniff_evidence_type(kPdf)->content_type, "application/pdf");
}

TEST(EvidenceType, MarkupAndScriptsAreRefusedWhateverTheyAreCalled) {
    for (const std::string& bytes : {
             std::string("<html><body><script>alert(1)</script></body></html>"),  // an HTML page named .jpg
             std::string("\xEF\xBB\xBF<!DOCTYPE html><p>hi</p>"),                 // with a BOM
             std::string("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"),
             std::string("#!/bin/sh\nrm -rf /\n"),
             std::string("PK\x03\x04 an archive"),
             std::string("GIF89a\x01\0\x01\0", 10),  // not an accepted picture type
         }) {
        EXPECT_FALSE(sniff_evidence_type(bytes)) << bytes;
    }
}

TEST(EvidenceType, PolyglotsAreRefused) {
    // A picture with a page appended, a PDF that is also a page.
    EXPECT_FALSE(sniff_evidence_type(kJpeg + "<script>alert(document.cookie)</script>"));
    EXPECT_FALSE(sniff_evidence_type(kPng + "<SVG/onload=alert(1)>"));
    EXPECT_FALSE(sniff_evidence_type(kPdf + "<html><script>alert(1)</script>"));
    EXPECT_FALSE(sniff_evidence_type(kJpeg + "<iframe src=javascript:alert(1)>"));
    // Any case, anywhere: at the very end, a scheme alone, a tag split by no other '<'.
    EXPECT_FALSE(sniff_evidence_type(kPng + "<<HtMl"));
    EXPECT_FALSE(sniff_evidence_type(kJpeg + "<a href=JaVaScRiPt:alert(1)>"));
    EXPECT_FALSE(sniff_evidence_type(kJpeg + "JAVASCRIPT:"));
    // Near misses are pictures.
    EXPECT_TRUE(sniff_evidence_type(kJpeg + "<scrip <htm <sv avascript: :javascript"));
}

TEST(EvidenceType, PdfActiveContentIsRefusedEvenWithEscapedNames) {
    EXPECT_FALSE(sniff_evidence_type("%PDF-1.4\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF"));
    EXPECT_FALSE(sniff_evidence_type("%PDF-1.4\n<< /Type /Action /S /Launch /F (cmd.exe) >>\n%%EOF"));
    // ISO 32000-1 §7.3.5: #hh spells any byte of a name; a reader sees /JavaScript and /JS.
    EXPECT_FALSE(sniff_evidence_type("%PDF-1.4\n<< /A << /S /J#61vaScript /J#53 (app.alert(1)) >> >>\n%%EOF"));
    EXPECT_FALSE(sniff_evidence_type("%PDF-1.4\n<< /#4Fpen#41ction 3 0 R >>\n%%EOF"));
    // A '#' that is not an escape changes nothing.
    EXPECT_TRUE(sniff_evidence_type("%PDF-1.4\n% colour #zz and #1\n%%EOF"));
}

TEST(EvidenceType, TooShortOrEmptyIsRefused) {
    EXPECT_FALSE(sniff_evidence_type(""));
    EXPECT_FALSE(sniff_evidence_type("%PDF-"));
    EXPECT_FALSE(sniff_evidence_type(std::string("\xFF\xD8\xFF", 3)));
}

}  // namespace
}  // namespace hx::applications
