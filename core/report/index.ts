// The report: one model, four formats. `renderReport` is what the app, the CLI and the bundle use.
import { createHash } from 'node:crypto';
import { buildReport, reportDigest, type BuildReportInput } from './model';
import { printPdf, type PaperFormat } from './pdf';
import { pdfTemplates, renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';
import type { ReportModel } from './schema';

export { buildReport, reportDigest, renderHtml, renderMarkdown, renderJson, pdfTemplates, printPdf };
export type { ReportModel, BuildReportInput, PaperFormat };

export const REPORT_FORMATS = ['pdf', 'html', 'md', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Prints HTML to PDF: Chromium through playwright-core in Node, webContents.printToPDF in Electron. */
export type PdfPrinter = (html: string, options: { format: PaperFormat; headerTemplate: string; footerTemplate: string }) => Promise<Uint8Array>;

export const defaultPdfPrinter: PdfPrinter = (html, options) => printPdf(html, options);

export async function renderReport(model: ReportModel, format: ReportFormat, options: { paper?: PaperFormat; printPdf?: PdfPrinter } = {}): Promise<Uint8Array> {
  switch (format) {
    case 'html':
      return Buffer.from(renderHtml(model), 'utf8');
    case 'md':
      return Buffer.from(renderMarkdown(model), 'utf8');
    case 'json':
      return Buffer.from(renderJson(model), 'utf8');
    case 'pdf':
      return (options.printPdf ?? defaultPdfPrinter)(renderHtml(model), { format: options.paper ?? 'A4', ...pdfTemplates(model) });
  }
}

export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
