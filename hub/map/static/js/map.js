// The world map of /map/: draws the vendored Natural Earth boundaries with d3-geo and puts a marker
// on each place of the server-rendered list below it (its data-lng / data-lat), so map and list
// always agree. Markers are SVG links to their list entry: focusable, and usable without this script's
// card. No inline styles or scripts (strict CSP); nothing is fetched from another host unless the
// deployment set a tile server (HUB_MAP_TILE_URL).
(function () {
  "use strict";
  var root = document.querySelector("[data-map]");
  if (!root || !window.d3 || !d3.geoPath || !window.topojson || !window.fetch) return;
  var SVG = "http://www.w3.org/2000/svg";
  var WIDTH = 960;
  var HEIGHT = 500;
  var card = document.getElementById("map-card");
  var places = Array.prototype.slice.call(document.querySelectorAll("[data-place]"));
  var lastMarker = null;

  function el(name, attributes, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function projectionFor(tileUrl) {
    if (!tileUrl) return d3.geoEqualEarth().fitExtent([[4, 4], [WIDTH - 4, HEIGHT - 4]], { type: "Sphere" });
    // Web Mercator at zoom 2 (4 x 4 tiles of 256 px), so the tiles line up with the drawn borders.
    return d3.geoMercator().scale(1024 / (2 * Math.PI)).translate([512, 512]);
  }

  function drawTiles(svg, tileUrl) {
    var layer = el("g", { "class": "map__tiles" }, svg);
    for (var x = 0; x < 4; x++) {
      for (var y = 0; y < 4; y++) {
        var href = tileUrl.replace("{z}", "2").replace("{x}", x).replace("{y}", y);
        el("image", { href: href, x: x * 256, y: y * 256, width: 256, height: 256 }, layer);
      }
    }
  }

  function closeCard() {
    card.hidden = true;
    card.textContent = "";
    if (lastMarker) lastMarker.focus();
  }

  function openCard(place, marker) {
    lastMarker = marker;
    card.textContent = "";
    // The list entry's content (a heading and its links), outside the list it belongs to.
    var copy = document.createElement("div");
    Array.prototype.forEach.call(place.childNodes, function (node) { copy.appendChild(node.cloneNode(true)); });
    var heading = copy.querySelector("h3");
    heading.setAttribute("tabindex", "-1");
    heading.id = "map-card-title";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "map-card__close";
    close.textContent = root.getAttribute("data-close-label");
    close.addEventListener("click", closeCard);
    card.setAttribute("role", "region");
    card.setAttribute("aria-labelledby", "map-card-title");
    card.appendChild(copy);
    card.appendChild(close);
    card.hidden = false;
    heading.focus();
  }

  function draw(world) {
    var tileUrl = root.getAttribute("data-tile-url");
    var projection = projectionFor(tileUrl);
    var path = d3.geoPath(projection);
    var height = tileUrl ? 1024 : HEIGHT;
    var width = tileUrl ? 1024 : WIDTH;
    // Tiles: crop Web Mercator's polar stretch to about 75°N..60°S.
    var viewBox = tileUrl ? "0 " + (projection([0, 75])[1]) + " 1024 " + (projection([0, -60])[1] - projection([0, 75])[1]) : "0 0 " + width + " " + height;
    var svg = el("svg", { viewBox: viewBox, "class": "map__svg", role: "group", "aria-label": root.getAttribute("data-label") });
    if (tileUrl) drawTiles(svg, tileUrl);
    else el("path", { d: path({ type: "Sphere" }), "class": "map__sphere" }, svg);
    var countries = topojson.feature(world, world.objects.countries);
    el("path", { d: path(countries), "class": "map__land" + (tileUrl ? " map__land--over-tiles" : "") }, svg);
    el("path", { d: path(topojson.mesh(world, world.objects.countries, function (a, b) { return a !== b; })), "class": "map__borders" }, svg);
    var markers = el("g", { "class": "map__markers" }, svg);
    places.forEach(function (place) {
      var xy = projection([parseFloat(place.getAttribute("data-lng")), parseFloat(place.getAttribute("data-lat"))]);
      if (!xy || !isFinite(xy[0]) || !isFinite(xy[1])) return;
      var kinds = place.getAttribute("data-kinds").split(" ");
      var count = place.querySelectorAll(".map-place__items > li").length;
      var name = place.querySelector("h3").textContent.trim();
      var link = el("a", {
        href: "#" + place.id,
        "class": "map-marker map-marker--" + (kinds.length > 1 ? "mixed" : kinds[0]),
        "aria-label": name + " (" + count + ")"
      }, markers);
      el("title", {}, link).textContent = name + " (" + count + ")";
      el("circle", { cx: xy[0], cy: xy[1], r: Math.min(5 + 1.5 * Math.sqrt(count), 12) }, link);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        openCard(place, link);
      });
    });
    root.textContent = "";
    root.appendChild(svg);
  }

  card.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeCard();
  });

  fetch(root.getAttribute("data-basemap-url"))
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(draw)
    .catch(function () { /* the list below has every place: leave it as the map */ });
})();
