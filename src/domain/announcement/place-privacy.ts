import type { BookingStatus } from '../booking/booking.types.js';
import { DEFAULT_TIME_ZONE } from '../shared/local-time.js';
import type { Place } from './announcement.types.js';

/** A point everyone may know: the centre of the ~1 km grid cell the place is in, and how far the place may be from it. */
export type ApproximateArea = { readonly lat: number; readonly lon: number; readonly radiusKm: number };

/**
 * The place as a viewer is shown it (RULES §9 S1): exact for those who come, the city and an
 * area for everyone else. The zone (T1) is everyone's: it says no more than the city.
 */
export type ShownPlace =
  | { readonly city: string; readonly address: string; readonly lat?: number; readonly lon?: number; readonly timeZone: string; readonly addressHidden: false }
  | { readonly city: string; readonly area?: ApproximateArea; readonly timeZone: string; readonly addressHidden: true };

/**
 * The grid: cells of 0.01° by 0.01° (1.1 km north to south, 1.1·cos(latitude) km east to west),
 * fixed, so every screening at one address has the same cell. Reckoned in whole 1e-7 degrees
 * (the precision places are kept to), so no rounding can move a point into a neighbouring cell.
 */
const E7 = 10_000_000;
const CELL_E7 = 100_000;
/** The side of an area's cell in degrees: the area centres lie at the odd multiples of half of it. */
export const AREA_CELL_DEGREES = CELL_E7 / E7;
/** From the centre to the farthest corner of a cell at the equator is 0.79 km: the place is within this of its area. */
export const AREA_RADIUS_KM = 0.8;

const centreOf = (degreesE7: number, maxCellIndex: number): number => {
  const cell = Math.min(Math.floor(degreesE7 / CELL_E7), maxCellIndex);
  return (cell * CELL_E7 + CELL_E7 / 2) / E7;
};

/** The area of a point: its cell's centre. Longitude 180 is longitude -180; latitude 90 belongs to the cell below it. */
export const approximateArea = (lat: number, lon: number): ApproximateArea => {
  const lonE7 = Math.round(lon * E7);
  return {
    lat: centreOf(Math.round(lat * E7), 90 * E7 / CELL_E7 - 1),
    lon: centreOf(lonE7 === 180 * E7 ? -180 * E7 : lonE7, 180 * E7 / CELL_E7 - 1),
    radiusKm: AREA_RADIUS_KM,
  };
};

/**
 * S1 and S2, the one place it is decided: the host and the guests whose booking is accepted —
 * those who come — see where the screening is and who else comes. Applicants, guests on a
 * waitlist, those who left and strangers do not.
 */
export const isInsider = (hostId: string, viewerId: string, viewerBooking: { readonly status: BookingStatus } | null): boolean =>
  viewerId === hostId || viewerBooking?.status === 'accepted';

export const shownPlace = (place: Place, insider: boolean): ShownPlace => {
  const point = place.lat !== undefined && place.lon !== undefined ? { lat: place.lat, lon: place.lon } : null;
  const timeZone = place.timeZone ?? DEFAULT_TIME_ZONE;
  if (insider) return { city: place.city, address: place.address, ...point, timeZone, addressHidden: false };
  return {
    city: place.city,
    ...(point ? { area: approximateArea(point.lat, point.lon) } : {}),
    timeZone,
    addressHidden: true,
  };
};

/** The point `near=` searches measure from: the area's centre, never the place (the exact point would be found by a few searches). */
export const searchPointOf = (place: Place): { lat: number; lon: number } | null =>
  place.lat === undefined || place.lon === undefined ? null : approximateArea(place.lat, place.lon);
