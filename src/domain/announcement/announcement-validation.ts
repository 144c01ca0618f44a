import { isInstantInRange } from '../shared/instant.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../shared/local-time.js';
import { LIMITS } from '../shared/limits.js';
import { TimeRange } from '../shared/time-range.js';
import type { FieldIssue } from '../shared/domain-error.js';
import { plainTextProblem } from '../shared/plain-text.js';
import type { AnnouncementState, Place } from './announcement.types.js';

type Check = (issues: FieldIssue[]) => void;

const lengthBetween =
  (path: string, value: string, min: number, max: number): Check =>
  (issues) => {
    const problem = plainTextProblem(value);
    if (problem) issues.push({ path, message: problem });
    else if (value.trim().length < min || value.length > max)
      issues.push({ path, message: `must be ${min}–${max} characters` });
  };

const intBetween =
  (path: string, value: number, min: number, max: number): Check =>
  (issues) => {
    if (!Number.isInteger(value) || value < min || value > max)
      issues.push({ path, message: `must be a whole number from ${min} to ${max}` });
  };

const checkTitle = (title: string) => lengthBetween('title', title, LIMITS.title.min, LIMITS.title.max);
const checkDescription = (text: string) =>
  lengthBetween('description', text, 0, LIMITS.description.max);
const checkDuration = (minutes: number) =>
  intBetween('durationMinutes', minutes, LIMITS.durationMinutes.min, LIMITS.durationMinutes.max);
const checkCapacity = (capacity: number) =>
  intBetween('capacity', capacity, LIMITS.capacity.min, LIMITS.capacity.max);

/** The screening's end is an instant the service gives out too, so it must lie in the range as well. */
const checkStartsAt =
  (startsAt: Date, durationMinutes: number): Check =>
  (issues) => {
    if (Number.isNaN(startsAt.getTime())) issues.push({ path: 'startsAt', message: 'must be a valid instant' });
    else if (!isInstantInRange(startsAt) || !isInstantInRange(TimeRange.of(startsAt, durationMinutes).end))
      issues.push({ path: 'startsAt', message: 'must start and end between the years 0001 and 9999' });
  };

const checkTags =
  (tags: readonly string[]): Check =>
  (issues) => {
    if (tags.length > LIMITS.tags.max) issues.push({ path: 'tags', message: `at most ${LIMITS.tags.max} tags` });
    tags.forEach((tag, i) => {
      if (!LIMITS.tags.pattern.test(tag))
        issues.push({ path: `tags.${i}`, message: 'must be a short lowercase word (a-z, 0-9, -)' });
    });
  };

const checkPlace =
  (place: Place): Check =>
  (issues) => {
    lengthBetween('place.city', place.city, LIMITS.city.min, LIMITS.city.max)(issues);
    lengthBetween('place.address', place.address, LIMITS.address.min, LIMITS.address.max)(issues);
    const hasLat = place.lat !== undefined;
    if (hasLat !== (place.lon !== undefined))
      issues.push({ path: hasLat ? 'place.lon' : 'place.lat', message: 'lat and lon come together' });
    if (place.lat !== undefined && !(Math.abs(place.lat) <= 90)) issues.push({ path: 'place.lat', message: 'must be within ±90' });
    if (place.lon !== undefined && !(Math.abs(place.lon) <= 180))
      issues.push({ path: 'place.lon', message: 'must be within ±180' });
    if (place.timeZone !== undefined && !isTimeZone(place.timeZone))
      issues.push({ path: 'place.timeZone', message: 'must be an IANA time zone, e.g. Europe/Berlin' });
  };

const collectIssues = (checks: readonly Check[]): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  for (const check of checks) check(issues);
  return issues;
};

type Fields = Pick<AnnouncementState, 'title' | 'description' | 'startsAt' | 'durationMinutes' | 'place' | 'capacity' | 'tags'>;

/** Every limit of §2 on the fields a host fills in: one list for creating and changing alike. */
export const fieldIssues = (f: Fields): FieldIssue[] =>
  collectIssues([
    checkTitle(f.title), checkDescription(f.description), checkStartsAt(f.startsAt, f.durationMinutes), checkDuration(f.durationMinutes),
    checkPlace(f.place), checkCapacity(f.capacity), checkTags(f.tags),
  ]);

/** Tags are compared as a set: duplicates are dropped, order kept. */
export const normaliseTags = (tags: readonly string[]): string[] => [...new Set(tags)];

/**
 * Coordinates are kept to 7 decimals (about 1 cm), which is more than a doorstep needs. Finer
 * values carry no meaning, and a subnormal one (2e-323) underflows in PostgreSQL's arithmetic.
 */
export const roundCoordinate = (degrees: number): number => Math.round(degrees * 1e7) / 1e7 || 0;

/**
 * A place as kept: coordinates to 7 decimals, and always a zone — the one given (the use case
 * fills in the one the point lies in when the host gave none), else UTC.
 */
export const normalisePlace = (place: Place): Place => ({
  city: place.city,
  address: place.address,
  // One without the other is kept as given, for the validation to refuse.
  ...(place.lat === undefined ? {} : { lat: place.lon === undefined ? place.lat : roundCoordinate(place.lat) }),
  ...(place.lon === undefined ? {} : { lon: place.lat === undefined ? place.lon : roundCoordinate(place.lon) }),
  timeZone: place.timeZone ?? DEFAULT_TIME_ZONE,
});
