export { connect, type Connection, type ConnectOptions, type NovaCron } from './novacron-connection';
export { Terminal, type ProgressBar, type TerminalOptions } from './terminal-output';
export { renderChart, barChart, timelineChart, colorFor, PROVIDER_COLORS, type ChartOption, type ChartSize, type BarSeries, type TimelineRow } from './svg-chart';
export { renderHtmlReport, writeHtmlReport, escapeHtml, reportSection, EXTERNAL_CONTENT, type Report, type ReportSection, type ReportFigure, type ReportTable } from './html-report';
export { waitFor } from './wait-for';
export { SimulatedClock } from './simulated-clock';
export { untilRunning } from './vm-readiness';
