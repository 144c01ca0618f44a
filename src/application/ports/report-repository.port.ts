import type { Result } from 'neverthrow';
import type { DomainError, Report } from '../../domain/index.js';

export interface ReportRepository {
  /** A second open report by the same reporter about the same subject is REPORT.ALREADY_OPEN (a database key), never a throw. */
  add(report: Report): Promise<Result<void, DomainError>>;
}
