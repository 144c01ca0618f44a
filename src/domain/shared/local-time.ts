/**
 * RULES §10 T1: times as people at the screening read them. A zone is an IANA name the
 * platform's Intl knows (`Europe/Berlin`); `UTC` when nothing better is known.
 */
export const DEFAULT_TIME_ZONE = 'UTC';

export const isTimeZone = (zone: string): boolean => {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/.test(zone) && zone !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** "Sat, 5 Dec 2026, 20:00 CET": the day, the local time and the zone's short name, as a notification says it. */
export const localTime = (instant: Date, zone: string, locale = 'en-GB'): string =>
  new Intl.DateTimeFormat(locale, {
    timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
  }).format(instant);
