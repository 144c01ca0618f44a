/** The pure core of Watch Together: importable by other services (package `exports`). */
export * from './shared/domain-error.js';
export * from './shared/domain-event.js';
export * from './shared/limits.js';
export * from './shared/plain-text.js';
export * from './shared/short-link.js';
export * from './shared/time-range.js';
export * from './announcement/announcement.types.js';
export * from './announcement/announcement.entity.js';
export { roundCoordinate } from './announcement/announcement-validation.js';
export { diffFields } from './announcement/announcement-diff.js';
export * from './announcement/visibility.policy.js';
export * from './booking/booking.types.js';
export * from './booking/booking.entity.js';
export * from './schedule/commitment.js';
export * from './notification/notification.types.js';
export * from './notification/recipients.policy.js';
export * from './rating/rating-summary.js';
