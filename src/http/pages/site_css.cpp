#include "http/pages/site_css.hpp"

namespace hx::http::pages {

const char* const kSiteCss = R"CSS(
:root { --red: #a8071a; --ink: #1f1f1f; --muted: #4a4a4a; --line: #d9d9d9; --bg: #fafafa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.7 "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       color: var(--ink); background: var(--bg); }
body.large { font-size: 21px; }
.wrap { max-width: 1080px; margin: 0 auto; padding: 0 16px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 8px; z-index: 10; }
a { color: #0b4fa8; }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #ffb000; outline-offset: 2px; }
header.site { background: var(--red); color: #fff; }
header.site .wrap { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; min-height: 64px; }
header.site a { color: #fff; text-decoration: none; margin-left: 16px; }
header.site a.brand { margin-left: 0; font-weight: 700; font-size: 1.15em; }
header.site nav a:hover { text-decoration: underline; }
main { padding: 24px 16px 48px; }
h1 { font-size: 1.6em; margin: 0.5em 0; }
h2 { font-size: 1.25em; margin-top: 1.6em; border-left: 4px solid var(--red); padding-left: 8px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 16px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px; }
.card .num { font-size: 2em; font-weight: 700; color: var(--red); }
.notice { background: #fffbe6; border: 1px solid #d48806; border-radius: 6px; padding: 12px 16px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
.tag { display: inline-block; border: 1px solid var(--line); border-radius: 4px; padding: 0 6px; font-size: 0.85em; margin-right: 4px; }
.tag.example { border-color: #d48806; color: #874d00; }
.scroll { overflow-x: auto; }
.status { display: inline-block; border-radius: 4px; padding: 0 8px; font-weight: 700; }
.status.valid, .status.open { background: #e6f4ea; color: #135200; border: 1px solid #389e0d; }
.status.under_rectification, .status.ended { background: #fff7e6; color: #873800; border: 1px solid #d46b08; }
.status.revoked { background: #fff1f0; color: #820014; border: 1px solid #cf1322; }
.status.superseded, .status.finalized { background: #f5f5f5; color: #262626; border: 1px solid #8c8c8c; }
.stars { color: #ad6800; letter-spacing: 2px; }
form.panel { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px; margin: 12px 0; }
form.panel label { display: block; font-weight: 700; margin-top: 10px; }
form.panel input, form.panel select, form.panel textarea { font: inherit; width: 100%; max-width: 520px; padding: 6px 8px;
  border: 1px solid #8c8c8c; border-radius: 4px; }
form.panel button, form.inline button { font: inherit; margin-top: 12px; padding: 6px 18px; border: 0; border-radius: 4px;
  background: var(--red); color: #fff; cursor: pointer; }
form.inline { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; }
form.inline label { display: flex; flex-direction: column; font-size: 0.9em; }
form.inline input, form.inline select { font: inherit; padding: 4px 6px; border: 1px solid #8c8c8c; border-radius: 4px; }
.hp { position: absolute; left: -9999px; width: 1px; height: 1px; overflow: hidden; }
.message { border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
.message.ok { background: #e6f4ea; border: 1px solid #389e0d; }
.message.error { background: #fff1f0; border: 1px solid #cf1322; }
.plaque img { max-width: 100%; height: auto; border: 1px solid var(--line); }
.pager a, .pager span { margin-right: 8px; }
footer.site { border-top: 1px solid var(--line); color: var(--muted); font-size: 0.9em; padding: 16px 0; }
@media (max-width: 600px) {
  header.site .wrap { padding-top: 8px; padding-bottom: 8px; }
  header.site nav { display: flex; flex-wrap: wrap; gap: 4px 14px; margin-top: 6px; }
  header.site nav a { margin-left: 0; padding: 6px 0; }
  main { padding: 16px 12px 40px; }
  .wrap { padding: 0 12px; }
  table { font-size: 0.95em; }
  code { overflow-wrap: anywhere; word-break: break-all; }
  form.inline { flex-direction: column; align-items: stretch; }
  form.inline input, form.inline select { width: 100%; }
  /* A wide table (the notice, the gallery, the annual check) stacks: one card per row, each cell
     a line led by its column's name (data-label), so nothing scrolls sideways on a phone. */
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack caption { display: block; text-align: left; font-weight: 700; margin-bottom: 6px; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stack tr { border: 1px solid var(--line); border-radius: 6px; margin-bottom: 10px; background: #fff; }
  table.stack td { border: 0; border-bottom: 1px solid #eeeeee; padding: 6px 10px; }
  table.stack td:last-child { border-bottom: 0; }
  table.stack td::before { content: attr(data-label) "："; display: inline-block; min-width: 5.5em; font-weight: 700; color: var(--muted); }
}
)CSS";

}  // namespace hx::http::pages
