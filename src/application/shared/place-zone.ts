import type { Place } from '../../domain/index.js';
import type { TimeZoneLookup } from '../ports/time-zone-lookup.port.js';

/**
 * T1: a place's zone as the host gave it; else the zone its point lies in; else none, and the
 * domain keeps `UTC`. Looked up here, before the domain validates the place (an impossible point
 * finds no zone and is refused there).
 */
export const withTimeZone = (place: Place, zones: TimeZoneLookup | undefined): Place => {
  if (place.timeZone !== undefined || place.lat === undefined || place.lon === undefined || !zones) return place;
  const zone = zones.zoneAt(place.lat, place.lon);
  return zone === null ? place : { ...place, timeZone: zone };
};
