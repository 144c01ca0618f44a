import { err, ok, type Result } from 'neverthrow';
import { domainError, type DomainError, type FieldIssue } from '../shared/domain-error.js';
import { plainTextProblem } from '../shared/plain-text.js';

export const REPORT_REASONS = ['spam', 'harassment', 'unsafe', 'misleading', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const REPORT_DETAILS_MAX = 2000;

/** What a report is about: a person, a screening or a booking. */
export type ReportSubject = { readonly kind: 'user' | 'announcement' | 'booking'; readonly id: string };

export type Report = {
  readonly id: string;
  readonly reporterId: string;
  readonly subject: ReportSubject;
  readonly reason: ReportReason;
  readonly details: string | null;
  readonly createdAt: Date;
};

/**
 * RULES §9 S4: a report to the platform. Who may see the subject is the use case's to check
 * (a subject the reporter cannot see does not exist for them); one open report per reporter and
 * subject is a database key. Nobody reports themselves.
 */
export const fileReport = (input: Report): Result<Report, DomainError> => {
  const issues: FieldIssue[] = [];
  if (!REPORT_REASONS.includes(input.reason)) issues.push({ path: 'reason', message: `one of ${REPORT_REASONS.join(', ')}` });
  if (input.details !== null) {
    const problem = plainTextProblem(input.details);
    if (problem) issues.push({ path: 'details', message: problem });
    else if (input.details.length > REPORT_DETAILS_MAX) issues.push({ path: 'details', message: `at most ${REPORT_DETAILS_MAX} characters` });
  }
  if (input.subject.kind === 'user' && input.subject.id === input.reporterId) issues.push({ path: 'subject.userId', message: 'is you' });
  return issues.length > 0 ? err(domainError('REPORT.INVALID', { issues })) : ok(input);
};
