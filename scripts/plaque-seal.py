#!/usr/bin/env python3
"""Writes the seal of an electronic plaque (SVG, PNG or PDF) as two files for the OpenSSL command
line: payload.txt (the signed bytes) and signature.der. Standard library only, independent of
huixing, so anyone can check a plaque without our code (docs/plaques.md):

    scripts/plaque-seal.py plaque.png          # → payload.txt, signature.der, prints the key id
    openssl dgst -sm3 -verify public.pem -sigopt distid:1234567812345678 \
        -signature signature.der payload.txt
"""
import base64
import html
import json
import re
import struct
import sys
import zlib


def record_of(data: bytes) -> str:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        at = 8
        while at + 12 <= len(data):
            length, kind = struct.unpack(">I4s", data[at:at + 8])
            body = data[at + 8:at + 8 + length]
            (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
            if zlib.crc32(kind + body) != crc:
                sys.exit(f"PNG 数据块 {kind.decode(errors='replace')} 的 CRC 校验失败")
            # iTXt: keyword NUL, compression flag 0, method 0, language NUL, translated keyword NUL, text
            if kind == b"iTXt" and body.startswith(b"huixing-seal\0\0\0\0\0"):
                return body[len(b"huixing-seal") + 5:].decode("utf-8")
            if kind == b"IEND":
                break
            at += 12 + length
    elif data.startswith(b"%PDF-"):
        found = re.search(rb"/HuixingSeal[\s/>]", data)
        if found:
            opening = data.rindex(b"<<", 0, found.start())
            dictionary = data[opening:data.index(b"stream", found.start())]
            start = data.index(b"stream", found.start()) + len(b"stream")
            start += 2 if data[start:start + 2] == b"\r\n" else 1
            if b"/FlateDecode" not in dictionary:  # as huixing writes it: one line of JSON
                return data[start:data.index(b"\n", start)].decode("utf-8")
            # rewritten by a PDF tool that compressed the stream
            length = int(re.search(rb"/Length\s+(\d+)", dictionary).group(1))
            return zlib.decompress(data[start:start + length]).decode("utf-8")
    else:
        text = data.decode("utf-8")
        opening = '<hx:seal xmlns:hx="urn:huixing:seal:1">'
        at = text.find(opening)
        if at >= 0:
            return html.unescape(text[at + len(opening):text.index("</hx:seal>", at)])
    sys.exit("文件中没有电子印章")


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(sys.argv[1], "rb") as file:
        seal = json.loads(record_of(file.read()))
    if seal.get("format") != "huixing-seal/1":
        sys.exit("电子印章记录的格式未知")
    with open("payload.txt", "wb") as out:
        out.write(seal["payload"].encode("utf-8"))
    with open("signature.der", "wb") as out:
        out.write(base64.b64decode(seal["signature"], validate=True))
    print(f"已写出 payload.txt 与 signature.der；签章密钥 {seal['key_id']}")


if __name__ == "__main__":
    main()
