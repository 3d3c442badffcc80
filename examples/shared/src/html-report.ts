import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export interface ReportTable {
  head: string[];
  rows: Array<Array<string | number>>;
}

export interface ReportSection {
  title: string;
  /** A sentence or two on what the section shows; plain text. */
  intro?: string;
  /** SVG from `renderChart` and the chart helpers. */
  charts?: string[];
  table?: ReportTable;
}

export interface ReportFigure {
  label: string;
  value: string;
  tone?: 'good' | 'bad' | 'neutral';
}

export interface Report {
  title: string;
  subtitle: string;
  /** The headline numbers, shown as cards at the top. */
  figures: ReportFigure[];
  sections: ReportSection[];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2933;background:#f4f6f8}
header{background:#102a43;color:#fff;padding:28px 40px}header h1{margin:0 0 4px;font-size:26px}header p{margin:0;opacity:.8}
main{max-width:920px;margin:0 auto;padding:24px 20px 48px}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px;margin-bottom:24px}
.figure{background:#fff;border-radius:8px;padding:14px 16px;box-shadow:0 1px 3px rgba(16,42,67,.12)}
.figure .value{font-size:24px;font-weight:600}.figure .label{color:#52606d;font-size:13px}
.good .value{color:#2f855a}.bad .value{color:#c53030}
section{background:#fff;border-radius:8px;padding:18px 22px;margin-bottom:20px;box-shadow:0 1px 3px rgba(16,42,67,.12)}
section h2{margin:0 0 6px;font-size:19px}section p{margin:0 0 10px;color:#52606d}
.chart{overflow-x:auto}.chart svg{max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-size:13px;margin-top:8px}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e4e7eb}
th{background:#f0f4f8;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
footer{text-align:center;color:#9aa5b1;font-size:12px}`;

/** One HTML file with inline CSS and inline SVG charts: no script, no network, opens offline. */
export function renderHtmlReport(report: Report, generatedAt: Date = new Date()): string {
  const figures = report.figures
    .map((f) => `<div class="figure ${f.tone ?? 'neutral'}"><div class="value">${escapeHtml(f.value)}</div><div class="label">${escapeHtml(f.label)}</div></div>`)
    .join('');
  const sections = report.sections.map(renderSection).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(report.title)}</title><style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(report.title)}</h1><p>${escapeHtml(report.subtitle)}</p></header>
<main><div class="figures">${figures}</div>
${sections}
<footer>Generated ${escapeHtml(generatedAt.toISOString())} by the NovaCron SDK examples</footer></main></body></html>
`;
}

function renderSection(section: ReportSection): string {
  const charts = (section.charts ?? []).map((svg) => `<div class="chart">${svg}</div>`).join('');
  const table = section.table ? renderTable(section.table) : '';
  const intro = section.intro ? `<p>${escapeHtml(section.intro)}</p>` : '';
  return `<section><h2>${escapeHtml(section.title)}</h2>${intro}${charts}${table}</section>`;
}

function renderTable(table: ReportTable): string {
  const head = table.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const rows = table.rows
    .map((row) => `<tr>${row.map((cell) => (typeof cell === 'number' ? `<td class="num">${cell}</td>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

/** Writes the report (creating its folder) and returns its absolute path. */
export async function writeHtmlReport(path: string, report: Report): Promise<string> {
  const absolute = resolve(path);
  await mkdir(dirname(absolute), { recursive: true });
  await writeFile(absolute, renderHtmlReport(report));
  return absolute;
}

/** One section of a rendered report by its title ('' when there is none): what a test reads back. */
export function reportSection(html: string, title: string): string {
  return html.split('<section>').find((s) => s.includes(`<h2>${escapeHtml(title)}</h2>`)) ?? '';
}

/**
 * What would make a report need the network or run code: scripts, stylesheets, images, sources and
 * fetched URLs. A `url(#…)` (an SVG clip path inside the file) is fine.
 */
export const EXTERNAL_CONTENT = /<script|<link|<img|\ssrc=|@import|url\((?!#)/i;
