import { AREA_CELL_DEGREES } from '../../domain/index.js';

/**
 * Grid cells for `near=lat,lon&radiusKm`, mirroring the generated columns of the migration.
 * A cell id is latitude row × columns + longitude column, at one of three resolutions.
 *
 * A near= search measures from a place's area centre (RULES §9 S1), the centre of the 0.01° cell
 * the place is in. Those cells nest in the grid's (0.1°, 1°, 10°: places are kept to 1e-7°, so
 * `floor(lat * 10)` and the area's cell never disagree), so a place's grid cell holds its area
 * centre — except at latitude 90, whose row of its own holds places whose area centre is 89.995.
 * A cell is therefore walked only if one of its area centres lies in the circle: a cell the
 * circle merely grazes holds no match, and its walk in time order would read it to the end.
 */
export type CellLevel = { readonly column: string; readonly degrees: number; readonly scale: (x: number) => number };

const LEVELS: readonly CellLevel[] = [
  // The same arithmetic as SQL (x * 10, x, x / 10), so JavaScript and PostgreSQL floor alike.
  { column: 'geo_cell_fine', degrees: 0.1, scale: (x) => x * 10 },
  { column: 'geo_cell_mid', degrees: 1, scale: (x) => x },
  { column: 'geo_cell_coarse', degrees: 10, scale: (x) => x / 10 },
];

/**
 * Above this many cells a coarser level is used. Coarse cells cost more than a longer union:
 * a cell that only grazes the circle may hold a whole city outside it, walked to no avail
 * (seen in the benchmark: 25 km around Brussels on 1° cells walked Antwerp).
 */
const MAX_CELLS = 48;

const EARTH_RADIUS_KM = 6378.168;
const rad = (deg: number): number => (deg * Math.PI) / 180;
const distanceKm = (lat1: number, lon1: number, lat2: number, lon2: number): number => {
  const h = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
};

/** Of the area centres from `first` to `last` (a step of AREA_CELL_DEGREES apart), the one nearest to `x`. */
const nearestAreaCentre = (x: number, first: number, last: number): number => {
  const steps = Math.round((Math.min(Math.max(x, first), last) - first) / AREA_CELL_DEGREES);
  return Math.min(first + steps * AREA_CELL_DEGREES, last);
};

const HALF_AREA = AREA_CELL_DEGREES / 2;

/**
 * Does an area centre of the cell (row, column at `degrees`) lie within `radiusKm` of the centre?
 * The one nearest in latitude and in longitude decides (padded by 1 %, as the box is).
 */
const holdsAnAreaWithin = (row: number, col: number, degrees: number, lat: number, lon: number, radiusKm: number): boolean => {
  const [south, west] = [row * degrees, col * degrees];
  // Latitude 90's own row (south = 90) holds places whose area centre is 89.995.
  const areaLat = nearestAreaCentre(lat, Math.min(south, 90 - AREA_CELL_DEGREES) + HALF_AREA, Math.min(south + degrees, 90) - HALF_AREA);
  const areaLon = nearestAreaCentre(lon, west + HALF_AREA, west + degrees - HALF_AREA);
  return distanceKm(lat, lon, areaLat, areaLon) <= radiusKm * 1.01;
};

/** Length of one degree of latitude on earthdistance's sphere (radius 6378.168 km). */
const KM_PER_DEGREE = (2 * Math.PI * 6378.168) / 360;
/** The box is padded so that rounding never drops a screening the exact distance keeps. */
const BOX_PADDING = 1.01;

/** The latitude/longitude box around a circle; longitudes may run past ±180 (they wrap). */
export const boundingBox = (lat: number, lon: number, radiusKm: number) => {
  const dLat = (radiusKm / KM_PER_DEGREE) * BOX_PADDING;
  const latMin = Math.max(-90, lat - dLat);
  const latMax = Math.min(90, lat + dLat);
  const cos = Math.cos((Math.max(Math.abs(latMin), Math.abs(latMax)) * Math.PI) / 180);
  const dLon = cos < 1e-9 ? 180 : Math.min(180, (radiusKm / (KM_PER_DEGREE * cos)) * BOX_PADDING);
  return { latMin, latMax, lonMin: lon - dLon, lonMax: lon + dLon };
};

const mod = (n: number, m: number): number => ((n % m) + m) % m;

/** The finest level whose cells hold every area centre in the circle in at most MAX_CELLS, and those cells; null if none does. */
export const cellsAround = (lat: number, lon: number, radiusKm: number): { level: CellLevel; cells: number[] } | null => {
  const box = boundingBox(lat, lon, radiusKm);
  for (const level of LEVELS) {
    const rows = 180 / level.degrees;
    const columns = 360 / level.degrees;
    // Latitude 90 floors into a row of its own, as it does in SQL; it stays in range, and it is
    // walked whenever the circle reaches its places' area centres at 89.995.
    const top = box.latMax >= 90 - HALF_AREA ? 90 : box.latMax;
    const [rowMin, rowMax] = [Math.floor(level.scale(box.latMin)), Math.floor(level.scale(top))];
    const [colMin, colMax] = [Math.floor(level.scale(box.lonMin)), Math.floor(level.scale(box.lonMax))];
    const width = Math.min(columns, colMax - colMin + 1);
    // Only the cells the circle reaches count; a box far too big for this level is not even walked.
    if ((rowMax - rowMin + 1) * width > MAX_CELLS * 4) continue;
    const cells: number[] = [];
    for (let row = rowMin; row <= rowMax; row += 1)
      for (let col = colMin; col < colMin + width; col += 1)
        if (width === columns || holdsAnAreaWithin(row, col, level.degrees, lat, lon, radiusKm))
          cells.push((row + rows / 2) * columns + mod(col + columns / 2, columns));
    if (cells.length <= MAX_CELLS) return { level, cells };
  }
  return null;
};
