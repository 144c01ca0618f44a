/** T1: the IANA zone a point lies in, from a package that ships the zones' boundaries; null when it cannot say. */
export interface TimeZoneLookup {
  zoneAt(lat: number, lon: number): string | null;
}
