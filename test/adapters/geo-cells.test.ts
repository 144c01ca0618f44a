import { expect } from 'chai';
import fc from 'fast-check';
import { cellsAround } from '../../src/adapters/postgres/pg-geo-cells.js';
import { approximateArea, AREA_CELL_DEGREES } from '../../src/domain/index.js';
import { greatCircleKm } from '../../src/testing/index.js';


/** The generated columns of the migration (1795680000000_initial-schema.sql), word for word. */
const SQL_CELL: Record<string, (lat: number, lon: number) => number> = {
  geo_cell_fine: (lat, lon) => (Math.floor(lat * 10) + 900) * 3600 + ((Math.floor(lon * 10) + 1800) % 3600),
  geo_cell_mid: (lat, lon) => (Math.floor(lat) + 90) * 360 + ((Math.floor(lon) + 180) % 360),
  geo_cell_coarse: (lat, lon) => (Math.floor(lat / 10) + 9) * 36 + ((Math.floor(lon / 10) + 18) % 36),
};

/** Coordinates as places are kept (7 decimals), often exactly on a grid line, sometimes at a pole or the antimeridian. */
const coordinate = (limit: number) => fc.oneof(
  fc.integer({ min: -limit * 1e7, max: limit * 1e7 }).map((n) => n / 1e7),
  fc.integer({ min: -limit * 10, max: limit * 10 }).map((n) => n / 10),
  fc.constantFrom(-limit, limit, limit - 1e-7),
);
const radiusKm = fc.oneof(fc.double({ min: 0.01, max: 5, noNaN: true }), fc.double({ min: 5, max: 800, noNaN: true }));

/**
 * The grid cells a near= search walks (RULES §6, §9 S1): every screening whose area centre is in
 * the circle must be in one of them, and none of them may be one the circle only grazes — its
 * walk in time order would find nothing and read the cell to its end (the 10 M bench's worst case).
 */
describe('Grid cells of a near= search', () => {
  it('hold every place whose area centre lies in the circle', () => {
    fc.assert(fc.property(coordinate(90), coordinate(180), radiusKm, fc.double({ min: -1.5, max: 1.5, noNaN: true }), fc.double({ min: -1.5, max: 1.5, noNaN: true }),
      (lat, lon, radius, bearingLat, bearingLon) => {
        const area = approximateArea(lat, lon);
        // A centre around the area's, from well inside the circle to just outside it.
        const dLat = (bearingLat * radius) / 111;
        const centre = { lat: Math.max(-90, Math.min(90, area.lat + dLat)), lon: area.lon + (bearingLon * radius) / (111 * Math.max(0.05, Math.cos((area.lat * Math.PI) / 180))) };
        if (greatCircleKm(centre, area) > radius) return;
        const grid = cellsAround(centre.lat, centre.lon, radius);
        if (!grid) return; // the whole table is searched: nothing to miss
        expect(grid.cells, `${lat},${lon} from ${centre.lat},${centre.lon} r=${radius} on ${grid.level.column}`)
          .to.include(SQL_CELL[grid.level.column]!(lat, lon));
      }), { numRuns: 20_000 });
  });

  it('walks no fine cell that the circle only grazes, without an area centre in it', () => {
    fc.assert(fc.property(fc.double({ min: -85, max: 85, noNaN: true }), fc.double({ min: -179, max: 179, noNaN: true }), fc.double({ min: 0.05, max: 6, noNaN: true }),
      (lat, lon, radius) => {
        const grid = cellsAround(lat, lon, radius);
        if (grid?.level.column !== 'geo_cell_fine') return;
        for (const cell of grid.cells) {
          const [south, west] = [(Math.floor(cell / 3600) - 900) / 10, ((cell % 3600) - 1800) / 10];
          const centres = Array.from({ length: 100 }, (_, i) => ({
            lat: south + AREA_CELL_DEGREES * (Math.floor(i / 10) + 0.5), lon: west + AREA_CELL_DEGREES * ((i % 10) + 0.5),
          }));
          // Longitudes off by 360° are the same place: the distance does not care.
          const nearest = Math.min(...centres.map((c) => greatCircleKm({ lat, lon }, c)));
          expect(nearest, `cell ${cell} around ${lat},${lon} r=${radius}`).to.be.at.most(radius * 1.01);
        }
      }), { numRuns: 3_000 });
  });

  it('leaves out a cell the circle enters by less than half an area: 5.79 km from 48.85,2.35 reaches 48.902', () => {
    const grid = cellsAround(48.85, 2.35, 5.79)!;
    expect(grid.level.column).to.equal('geo_cell_fine');
    expect(grid.cells).to.include(SQL_CELL.geo_cell_fine!(48.899, 2.35));
    // The row above begins at 48.9; its nearest area centres (48.905) are 6.12 km away.
    expect(grid.cells).not.to.include(SQL_CELL.geo_cell_fine!(48.95, 2.35));
  });

  it('reaches latitude 90’s own row, or the whole table, for a circle that reaches 89.995', () => {
    for (const radius of [0.6, 2, 30]) {
      const grid = cellsAround(89.99, 10, radius);
      if (grid) expect(grid.cells).to.include(SQL_CELL[grid.level.column]!(90, 10.3));
    }
  });
});
