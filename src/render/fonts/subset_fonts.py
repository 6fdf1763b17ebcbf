#!/usr/bin/env python3
"""Build-time subsets of the Noto CJK SC faces that render/ draws with (see text_layout.hpp).

Why: the Noto CJK fonts are collections of 20–27 MB each (every CJK glyph of five regions). A
plaque's PDF makes cairo read the whole CFF table of each face it embeds, so four faces left
~90 MiB of the font files resident in the server after one plaque. The subsets hold only the
characters a plaque or a document is likely to need, ~3–5 MB per face, with the same outlines
and metrics; text_layout.cpp puts them first in every font list and keeps the full fonts
behind them, so any other character (names of communities are arbitrary Chinese text) is still
drawn, from the full font.

The characters: printable ASCII and Latin-1; general punctuation, arrows and mathematical
operators (U+2000–U+22FF); CJK symbols and punctuation (U+3000–U+303F) and the full-width forms
(U+FF00–U+FFEF); all of GB 2312 (7,445 characters: the 6,763 hanzi, punctuation, symbols, kana,
Greek and Cyrillic); and every character of data/ (the names of Beijing's divisions, the
standards). The fixed words of src/ are all inside that (checked when this was written); the
sources are not a dependency, or every edit of a .cpp would rebuild the fonts.

    subset_fonts.py SOURCE_DIR OUT_DIR

Writes OUT_DIR/<file name of the face>-<index>.subset.otf for each face found by fc-match, and
OUT_DIR/chars.txt (the characters). A face that fontconfig does not have is skipped (the renderer then uses
whatever it finds, as before); hb-subset missing (libharfbuzz-bin, scripts/deps.sh) is an error.
"""
import glob
import os
import shutil
import subprocess
import sys

FACES = [
    "Noto Serif CJK SC:weight=regular",
    "Noto Serif CJK SC:weight=bold",
    "Noto Sans CJK SC:weight=regular",
    "Noto Sans CJK SC:weight=bold",
]


def characters(source_dir):
    ranges = [(0x20, 0x7F), (0xA0, 0x100), (0x2000, 0x2300), (0x3000, 0x3040), (0xFF00, 0xFFF0)]
    chars = {chr(c) for first, end in ranges for c in range(first, end)}
    for first in range(0xA1, 0xF8):
        for second in range(0xA1, 0xFF):
            try:
                chars.add(bytes([first, second]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    files = [p for p in glob.glob(os.path.join(source_dir, "data", "**", "*"), recursive=True)
             if p.endswith((".csv", ".json", ".txt"))]
    for path in sorted(files):
        with open(path, encoding="utf-8") as f:
            chars |= {c for c in f.read() if ord(c) >= 0x20 and not 0xD800 <= ord(c) < 0xE000}
    return "".join(sorted(chars))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: subset_fonts.py SOURCE_DIR OUT_DIR")
    source_dir, out_dir = sys.argv[1], sys.argv[2]
    hb_subset = shutil.which("hb-subset")
    if hb_subset is None:
        sys.exit("hb-subset not found: install libharfbuzz-bin (scripts/deps.sh)")
    os.makedirs(out_dir, exist_ok=True)
    # chars.txt is the build's stamp: written last, under its name only when every face is done.
    text_file = os.path.join(out_dir, "chars.txt.tmp")
    with open(text_file, "w", encoding="utf-8") as f:
        f.write(characters(source_dir))

    wanted = set()
    for pattern in FACES:
        found = subprocess.run(["fc-match", "-f", "%{file}\n%{index}\n%{family[0]}", pattern],
                               capture_output=True, text=True, check=False).stdout.split("\n")
        family = pattern.split(":")[0]
        if len(found) < 3 or found[2] != family:
            print(f"subset_fonts: {family} not installed, no subset", file=sys.stderr)
            continue
        font_file, index = found[0], found[1]
        name = f"{os.path.splitext(os.path.basename(font_file))[0]}-{index}.subset.otf"
        wanted.add(name)
        out = os.path.join(out_dir, name)
        subprocess.run([hb_subset, f"--font-file={font_file}", f"--face-index={index}",
                        f"--text-file={text_file}", f"--output-file={out}.tmp"], check=True)
        os.replace(out + ".tmp", out)
    # A subset left from another machine's fonts would shadow nothing, but would be mapped.
    for stale in glob.glob(os.path.join(out_dir, "*.subset.otf")):
        if os.path.basename(stale) not in wanted:
            os.remove(stale)
    os.replace(text_file, os.path.join(out_dir, "chars.txt"))


if __name__ == "__main__":
    main()
