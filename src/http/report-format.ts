// Report content negotiation: a report route answers in the formats of the registry that offer a
// route (src/report/formats.ts) — JSON as stored, SARIF (application/sarif+json), HTML (text/html) — by Accept.

import type { Request, Response } from 'express';
import type { Report } from '../engine/report-model.js';
import { ROUTE_FORMATS, routeFormat, type ReportInput } from '../report/formats.js';
import { sendJson } from './send.js';

/** The media types a report is offered in, JSON first (the default for `*\/*` or no Accept). */
export const REPORT_TYPES: readonly string[] = ROUTE_FORMATS.map((f) => f.mediaType);

/** The filing a report judged, when stored: its text as received (for SARIF regions) and its name. */
export interface ReportSource {
  filingId: string;
  receivedText?: string;
  receivedType?: string;
  parsedJson?: string;
}

/** What the format needs of the filing besides its report: the text as received under a name of its id, the parsed document. */
function inputOf(report: Report, needs: { text: boolean; filing: boolean }, source?: ReportSource): ReportInput {
  const text = needs.text ? source?.receivedText : undefined;
  const ext = source?.receivedType === 'application/yaml' ? 'yaml' : 'json';
  return {
    report,
    ...(text !== undefined ? { file: `${report.filingId}.${ext}`, text } : {}),
    ...(needs.filing && source?.parsedJson !== undefined ? { filing: JSON.parse(source.parsedJson) as unknown } : {}),
  };
}

/**
 * Sends a report (its JSON text) in the type the request's Accept prefers among the route formats:
 * the JSON as it is, or the format made from it (SARIF with regions in the filing as received, the
 * self-contained HTML page). `Vary: Accept` either way.
 */
export function sendReportAs(req: Request, res: Response, status: number, json: string, source?: ReportSource): void {
  res.vary('Accept');
  const format = routeFormat(req.accepts([...REPORT_TYPES]));
  if (format.route?.asStored) {
    sendJson(res, status, json);
    return;
  }
  const report = JSON.parse(json) as Report;
  res.status(status).type(format.contentType);
  for (const [name, value] of Object.entries(format.route?.headers ?? {})) res.setHeader(name, value);
  res.send(format.reports([inputOf(report, format.needs, source)], { lang: report.lang }));
}
