/** The page's styles, inlined: system fonts only (no web fonts, nothing fetched). */
export const PAGE_STYLE = `
:root {
    --ink: #1d2330; --muted: #5d6675; --line: #dde1e8; --panel: #ffffff; --page: #f4f6f9;
    --accent: #2a5bd7;
    --critical: #8f1322; --critical-bg: #fbe3e6;
    --high: #b3361b; --high-bg: #fde9e2;
    --medium: #8a5a00; --medium-bg: #fdf2d6;
    --low: #1f5f99; --low-bg: #e3effa;
    --unspecified: #4d5563; --unspecified-bg: #eceef2;
    --good: #1d6b3a; --good-bg: #e1f3e7;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
    margin: 0; background: var(--page); color: var(--ink);
    font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
code, .access, .target, .res-type, .ident { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.86em; }
header.page { background: #18202e; color: #fff; padding: 20px 32px; }
header.page h1 { margin: 0; font-size: 22px; font-weight: 600; letter-spacing: 0.01em; }
header.page p { margin: 4px 0 0; color: #b9c2d0; font-size: 13px; }
main { max-width: 1400px; margin: 0 auto; padding: 24px 32px 48px; }
nav.sources ul { margin: 8px 0 0; padding-left: 20px; }
a { color: var(--accent); }
section.evaluation { margin-top: 28px; }
section.evaluation > h2 { font-size: 19px; margin: 0 0 2px; word-break: break-all; }
.packs { color: var(--muted); font-size: 13px; margin: 0 0 14px; }
.block { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
.block h3 { font-size: 16px; margin: 0 0 12px; display: inline-block; }
details.block > summary { cursor: pointer; list-style-position: outside; }
details.block > summary h3 { margin: 0; }
details.block[open] > summary { margin-bottom: 12px; }
.muted { color: var(--muted); font-weight: normal; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 12px; }
.tile { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; border-top: 4px solid var(--line); }
.tile .value { display: block; font-size: 26px; font-weight: 650; line-height: 1.2; }
.tile .label { color: var(--muted); font-size: 13px; }
.tile.bad { border-top-color: var(--critical); } .tile.bad .value { color: var(--critical); }
.tile.warn { border-top-color: #d19a00; } .tile.warn .value { color: var(--medium); }
.tile.good { border-top-color: var(--good); } .tile.good .value { color: var(--good); }
.by-severity { margin: 12px 0 0; }
.sev, .level, .verdict, .tag, .chip, .cloud, .risk-label {
    display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 600;
    white-space: nowrap;
}
.sev-critical { color: var(--critical); background: var(--critical-bg); }
.sev-high { color: var(--high); background: var(--high-bg); }
.sev-medium { color: var(--medium); background: var(--medium-bg); }
.sev-low { color: var(--low); background: var(--low-bg); }
.sev-unspecified { color: var(--unspecified); background: var(--unspecified-bg); }
.level { border: 1px solid var(--line); font-weight: 500; color: var(--muted); }
.level-mandatory, .level-remediate { color: var(--critical); border-color: #eab3ba; }
.verdict.good { color: var(--good); background: var(--good-bg); }
.verdict.bad { color: var(--critical); background: var(--critical-bg); }
.verdict.warn { color: var(--medium); background: var(--medium-bg); }
.verdict.muted { color: var(--muted); background: var(--unspecified-bg); }
.tag { background: #eef1f6; color: #38404d; font-weight: 500; margin: 1px 2px 1px 0; }
.cloud { background: #eef1f6; color: #38404d; text-transform: uppercase; font-size: 11px; }
.clean { color: var(--good); font-weight: 600; margin: 0; }
.table-wrap { overflow-x: auto; }
.finding-group { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; background: #fff; }
.finding-group > summary { cursor: pointer; padding: 6px 10px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.finding-group > summary code { font-weight: 600; }
.finding-group .group-count { color: var(--muted, #666); font-size: 13px; }
.finding-group .table-wrap { padding: 0 8px 8px; }
.resource-group { border-top: 1px solid var(--line); margin: 0 8px 8px; }
.resource-group > summary { cursor: pointer; padding: 4px 2px; display: flex; gap: 8px; align-items: center; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th { text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); padding: 6px 10px; }
td { border-bottom: 1px solid var(--line); padding: 8px 10px; vertical-align: top; }
tbody tr:hover { background: #f8f9fb; }
td.message { min-width: 360px; width: 48%; overflow-wrap: anywhere; }
td.message .fix { margin: 0.4em 0 0; color: #3b4a5a; font-size: 0.92em; }
td code { font-size: 12px; overflow-wrap: anywhere; }
.res-name { font-weight: 600; }
.res-type { color: var(--muted); font-size: 12px; }
.filters { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: center; margin: 0 0 12px; font-size: 14px; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
.filters legend { float: left; margin-right: 6px; color: var(--muted); }
.chip { cursor: pointer; user-select: none; font-weight: 600; }
.chip input { margin: 0 3px 0 0; vertical-align: -1px; }
.chip .n { opacity: 0.75; font-weight: 500; }
.chip:has(input:not(:checked)) { opacity: 0.45; text-decoration: line-through; }
.filters select { font: inherit; padding: 3px 6px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.filter-status { color: var(--muted); margin-left: auto; }
.filter-empty { color: var(--muted); font-style: italic; }
.graph .legend { font-size: 13px; color: var(--ink); margin: 0 0 10px; }
.graph .zoom { font: inherit; font-size: 12px; margin-left: 8px; padding: 2px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: pointer; }
.graph-frame { overflow: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; padding: 8px; max-height: 80vh; }
.graph-frame svg { display: block; margin: 0 auto; }
.function-cards > summary { cursor: pointer; display: flex; gap: 8px; align-items: baseline; }
.function-cards > summary h3 { display: inline; margin: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 14px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; background: #fcfcfd; min-width: 0; }
.card header h4 { margin: 0; font-size: 16px; overflow-wrap: anywhere; }
.card h5 { margin: 12px 0 4px; font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
.card ul { margin: 0; padding: 0; list-style: none; }
.card li { overflow-wrap: anywhere; }
.grants > li { padding: 5px 0 5px 10px; border-left: 3px solid var(--line); margin: 4px 0; font-size: 13px; }
.grant .on { color: var(--muted); }
.grant .risk-label { font-size: 11px; background: #eef1f6; color: #38404d; padding: 0 7px; margin-left: 4px; }
.grant.level-privilegeEscalation, .grant.level-permissionsManagement { border-left-color: var(--critical); }
.grant.level-privilegeEscalation .risk-label, .grant.level-permissionsManagement .risk-label { background: var(--critical-bg); color: var(--critical); }
.grant.level-credentialsExposure, .grant.level-dataExfiltration { border-left-color: var(--high); }
.grant.level-credentialsExposure .risk-label, .grant.level-dataExfiltration .risk-label { background: var(--high-bg); color: var(--high); }
.grant.level-write { border-left-color: #d19a00; }
.grant.level-read { border-left-color: var(--low); }
.conditions { margin-top: 2px !important; color: var(--muted); font-size: 12px; }
.calls { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; font-size: 13px; }
.calls dt { color: var(--muted); }
.calls dd { margin: 0; overflow-wrap: anywhere; }
.calls li.public { color: var(--critical); font-weight: 600; }
.risks { display: flex !important; flex-wrap: wrap; gap: 4px 6px; font-size: 12px; }
.risk { border: 1px solid var(--line); border-radius: 999px; padding: 1px 9px; background: #fff; }
.risk .n { font-weight: 700; margin-right: 3px; font-variant-numeric: tabular-nums; }
.risk.zero { color: #9aa2ae; border-style: dashed; } .risk.zero .n { font-weight: 500; }
.risk-privilegeEscalation:not(.zero), .risk-permissionsManagement:not(.zero) { color: var(--critical); background: var(--critical-bg); border-color: transparent; }
.risk-credentialsExposure:not(.zero), .risk-dataExfiltration:not(.zero) { color: var(--high); background: var(--high-bg); border-color: transparent; }
.declared, .complete, .incomplete { font-size: 13px; margin: 8px 0 0; }
.declared.over strong { color: var(--high); }
.complete { color: var(--good); }
.incomplete { color: var(--medium); font-weight: 600; }
footer.page { color: var(--muted); font-size: 12px; text-align: center; padding: 0 0 24px; }
@media print { .filters, .graph .zoom { display: none; } .graph-frame { max-height: none; overflow: visible; } }
`;
