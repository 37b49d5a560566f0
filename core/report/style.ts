// The report stylesheet, embedded in every HTML report so the file is self-contained (no external
// resource at all: the app and the PDF printer never touch the network). System fonts only.
export const REPORT_CSS = `
:root { --ink: #1b1f24; --muted: #59636e; --line: #d0d7de; --soft: #f6f8fa; --accent: #b42318; --ok: #1a7f37; --warn: #9a6700; }
* { box-sizing: border-box; }
html { font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif; font-size: 10pt; color: var(--ink); line-height: 1.4; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 20pt; margin: 0 0 0.3rem; }
h2 { font-size: 13.5pt; margin: 1.6rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 2px solid var(--ink); break-after: avoid; }
h3 { font-size: 11pt; margin: 1.1rem 0 0.4rem; break-after: avoid; }
p { margin: 0.3rem 0 0.6rem; }
table { width: 100%; border-collapse: collapse; margin: 0.3rem 0 0.8rem; font-size: 8.5pt; }
th, td { border: 1px solid var(--line); padding: 0.2rem 0.35rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
.nw { white-space: nowrap; }
th { background: var(--soft); font-weight: 600; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
/* Long tables (a step per row, thousands of rows): fixed layout, small type, one line per row where
   it fits, rows allowed to break; "avoid" on thousands of rows is what made printing slow. */
table.dense { table-layout: fixed; font-size: 7pt; line-height: 1.2; margin-top: 0.2rem; }
table.dense th, table.dense td { padding: 0.05rem 0.25rem; }
table.dense tr { break-inside: auto; }
table.dense tr.group td { background: var(--soft); font-weight: 600; padding-top: 0.15rem; }
table.dense .tag { font-size: 6pt; padding: 0 0.25rem; }
table.dense code { font-size: 6.5pt; word-break: normal; }
.state-done, .state-not_applicable, .state-skipped { color: var(--ok); }
.state-blocked { color: var(--accent); font-weight: 600; }
.state-in_progress, .state-todo { color: var(--warn); }
ul.notes li { margin-bottom: 0.3rem; }
dl.facts { display: grid; grid-template-columns: 13rem 1fr; gap: 0.15rem 0.8rem; margin: 0.4rem 0 0.8rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: break-word; }
.hash, code { font-family: "DejaVu Sans Mono", Consolas, "Liberation Mono", monospace; font-size: 7.5pt; word-break: break-all; }
.muted { color: var(--muted); }
.tag { display: inline-block; padding: 0 0.35rem; border-radius: 0.6rem; font-size: 7.5pt; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.tag.fact { color: var(--ok); }
.tag.hypothesis { color: var(--warn); }
.status-overdue, .status-done_late { color: var(--accent); font-weight: 600; }
.status-due_soon { color: var(--warn); font-weight: 600; }
.status-done, .status-not_required { color: var(--ok); }
.cover { border-bottom: 3px solid var(--ink); margin-bottom: 1rem; padding-bottom: 0.6rem; }
.cover .subtitle { font-size: 12pt; color: var(--muted); margin: 0 0 0.8rem; }
.integrity { background: var(--soft); border: 1px solid var(--line); padding: 0.5rem 0.7rem; }
ul { margin: 0.2rem 0 0.6rem 1.2rem; padding: 0; }
li { margin: 0.1rem 0; }
.removed td { color: var(--muted); text-decoration: line-through; }
.removed td.keep { text-decoration: none; }
@page { margin: 20mm 14mm 18mm; }
@media print {
  body { max-width: none; padding: 0; }
  h2 { break-before: auto; }
  section.major { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
`;
