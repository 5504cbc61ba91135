// Vendors the map's browser files into hub/map/static/vendor/ and precomputes, once, the country
// data the server needs (hub/map/data/countries.json): a representative point per country and a
// small pre-projected map of it with its neighbours. Run with `make vendor`; the outputs are committed.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { geoArea, geoAzimuthalEqualArea, geoCentroid, geoPath } from "d3-geo";
import polylabel from "polylabel";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const modules = join(here, "node_modules");
const vendor = join(root, "hub", "map", "static", "vendor");
const data = join(root, "hub", "map", "data");

// --- 1. Browser files, as published (minified UMD builds and the 1:110m atlas) ---------------
const FILES = [
  ["d3-array/dist/d3-array.min.js", "d3-array.min.js"],
  ["d3-geo/dist/d3-geo.min.js", "d3-geo.min.js"],
  ["topojson-client/dist/topojson-client.min.js", "topojson-client.min.js"],
  ["world-atlas/countries-110m.json", "countries-110m.json"],
];
const LICENCES = ["d3-array", "d3-geo", "topojson-client", "world-atlas"];

mkdirSync(vendor, { recursive: true });
mkdirSync(data, { recursive: true });
for (const [source, target] of FILES) copyFileSync(join(modules, source), join(vendor, target));
const notices = LICENCES.map((name) => {
  const pkg = JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8"));
  const text = readFileSync(join(modules, name, "LICENSE"), "utf8").trim();
  return `${name} ${pkg.version} (${pkg.license}) ${pkg.homepage || ""}\n\n${text}\n`;
});
notices.push("Boundaries: Natural Earth (https://www.naturalearthdata.com/), public domain, via world-atlas.\n");
writeFileSync(join(vendor, "LICENSES.txt"), notices.join("\n" + "-".repeat(72) + "\n\n"));

// --- 2. Country data for the server, from the 1:50m atlas (it has small countries 110m lacks) --
const WIDTH = 200;
const HEIGHT = 150;
const MAX_SCALE = 700; // px per radian: about 1,800 km across, so small countries keep some neighbours
const atlas = JSON.parse(readFileSync(join(modules, "world-atlas/countries-50m.json"), "utf8"));
const countries = feature(atlas, atlas.objects.countries).features;
const named = countries.filter((f) => f.id !== undefined);

const round = (value, digits) => Math.round(value * 10 ** digits) / 10 ** digits;

function largestPolygon(geometry) {
  if (geometry.type === "Polygon") return { type: "Polygon", coordinates: geometry.coordinates };
  let best = null;
  let bestArea = -1;
  for (const coordinates of geometry.coordinates) {
    const polygon = { type: "Polygon", coordinates };
    const area = geoArea(polygon);
    if (area > bestArea) [best, bestArea] = [polygon, area];
  }
  return best;
}

// Drop points that round to the one before them: integer pixels repeat a lot at this size.
function compact(d) {
  if (!d) return "";
  return d.replace(/([ML])(-?\d+),(-?\d+)((?:L-?\d+,-?\d+)*)/g, (match, cmd, x, y, rest) => {
    let last = `${x},${y}`;
    let out = `${cmd}${last}`;
    for (const point of rest.split("L").slice(1)) {
      if (point !== last) out += `L${point}`;
      last = point;
    }
    return out;
  });
}

const output = {};
for (const country of named) {
  const main = largestPolygon(country.geometry);
  // polylabel: the point inside the polygon farthest from its edges, so it never falls in the
  // sea or in a neighbour as a centroid can.
  const [lng, lat] = polylabel(main.coordinates, 0.01);
  const centre = geoCentroid(main);
  const projection = geoAzimuthalEqualArea()
    .rotate([-centre[0], -centre[1]])
    .fitExtent(
      [
        [20, 15],
        [WIDTH - 20, HEIGHT - 15],
      ],
      main,
    );
  if (projection.scale() > MAX_SCALE) projection.scale(MAX_SCALE);
  projection.translate([WIDTH / 2, HEIGHT / 2]).clipExtent([
    [0, 0],
    [WIDTH, HEIGHT],
  ]);
  const path = geoPath(projection).digits(0);
  const [[x0, y0], [x1, y1]] = path.bounds(country.geometry);
  const entry = {
    name: country.properties.name,
    point: [round(lng, 3), round(lat, 3)],
    shape: compact(path(country.geometry)),
    context: compact(
      countries
        .filter((other) => other !== country)
        .map((other) => path(other.geometry) || "")
        .join(""),
    ),
  };
  // Too small to see at this size: the template adds a ring around it.
  if (x1 - x0 < 8 && y1 - y0 < 8) entry.dot = projection([lng, lat]).map((v) => round(v, 0));
  if (output[country.id] && output[country.id].shape.length > entry.shape.length) continue;
  output[country.id] = entry;
}
const sorted = Object.fromEntries(Object.entries(output).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(join(data, "countries.json"), JSON.stringify({ size: [WIDTH, HEIGHT], countries: sorted }) + "\n");
console.log(`vendor: ${FILES.length} files -> ${vendor}; ${Object.keys(sorted).length} countries -> ${data}`);
