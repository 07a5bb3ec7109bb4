// Report content negotiation: a report route answers JSON, or SARIF (application/sarif+json) or HTML (text/html) by Accept.

import type { Request, Response } from 'express';
import type { Report } from '../engine/report-model.js';
import { formatHtml } from '../report/html.js';
import { formatSarif } from '../report/sarif.js';
import { sendJson } from './send.js';

/** The media types a report is offered in, JSON first (the default for `*\/*` or no Accept). */
export const REPORT_TYPES = ['application/json', 'application/sarif+json', 'text/html'] as const;

/** The filing a report judged, when stored: its text as received (for SARIF regions) and its name. */
export interface ReportSource {
  filingId: string;
  receivedText?: string;
  receivedType?: string;
  parsedJson?: string;
}

/**
 * Sends a report (its JSON text) in the type the request's Accept prefers: SARIF with regions in the
 * filing as received, the self-contained HTML page, or the JSON as is. `Vary: Accept` either way.
 */
export function sendReportAs(
  req: Request,
  res: Response,
  status: number,
  json: string,
  source?: ReportSource,
): void {
  res.vary('Accept');
  const type = req.accepts([...REPORT_TYPES]);
  if (type === 'application/sarif+json') {
    const report = JSON.parse(json) as Report;
    const ext = source?.receivedType === 'application/yaml' ? 'yaml' : 'json';
    const text = source?.receivedText;
    res
      .status(status)
      .type('application/sarif+json')
      .send(
        formatSarif([
          { report, ...(text !== undefined ? { source: { uri: `${report.filingId}.${ext}`, text } } : {}) },
        ]),
      );
    return;
  }
  if (type === 'text/html') {
    const report = JSON.parse(json) as Report;
    const filing = source?.parsedJson !== undefined ? (JSON.parse(source.parsedJson) as unknown) : undefined;
    res
      .status(status)
      .type('text/html; charset=utf-8')
      // the page has inline CSS only; this CSP lets it show when opened straight from the API
      .setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(formatHtml([{ report, ...(filing !== undefined ? { filing } : {}) }], report.lang));
    return;
  }
  sendJson(res, status, json);
}
