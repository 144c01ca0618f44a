import lookup from '@photostructure/tz-lookup';
import type { TimeZoneLookup } from '../../application/index.js';

/** @photostructure/tz-lookup: the zones' boundaries ship in the package (no network), good to a few km at the borders. */
export class PackagedTimeZones implements TimeZoneLookup {
  zoneAt(lat: number, lon: number): string | null {
    try {
      return lookup(lat, lon);
    } catch {
      return null;
    }
  }
}
