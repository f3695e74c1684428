// Package tiles serves controlmap's map data as Mapbox Vector Tiles, with an offline basemap,
// the glyphs for its labels and a MapLibre style, so the map needs no outside tile service.
//
// # Settlement tiles
//
// The layer "settlements" holds one point feature per control period of a settlement, with the
// properties of docs/CONTRACT.md (sid, names, district, rank, from, to, controller, status,
// change, since, kind, disputed_by, and changing, previous, next while an interval change has not
// counted yet). A status event (a confirmation, a counter-claim) starts a new period whose since
// stays that of the change in force. One tile set thus serves every date: a client filters on
// from <= day < to without asking the server again. (The web map draws each settlement once, from
// its open-ended last period, and colours it for the slider's day with feature state: MapLibre
// re-lays out every loaded tile when a filter changes, feature state it does not.) A tile asked
// for with a date holds only the periods valid on that day, for clients that want one date.
//
// Bytes are stable: features are sorted by settlement id and period start, properties are
// written in key order, feature ids are a hash of (settlement id, period start) cut to 53 bits
// so JavaScript reads them exactly. The same data thus always gives the same tile and ETag.
//
// Thinning: a tile keeps every settlement within its bounds and buffer as long as there are at
// most ThinAbove of them. Past that (at low zooms over a dense dataset) the tile is divided into
// cells of CellPixels screen pixels on the zoom's global pixel grid, and each cell keeps only its
// most important settlement: highest rank (city, town, village), then largest population, then
// smallest id. Cells are global, so a settlement near a tile edge is kept or dropped alike in
// both tiles. A thinned tile holds at most one settlement per cell, which bounds its size
// (about 300 KB at worst with four periods per settlement), whatever the dataset.
//
// Tiles are cached in memory, gzip-compressed once, in an answer.Cache (the one cache of the
// server, shared in kind with the web answers) under a key that holds the index version: any
// write to the store makes the old entries unreachable, and they are dropped at once;
// concurrent requests of one uncached tile cut it once.
//
// # Basemap
//
// The basemap is Natural Earth data (public domain) converted by scripts/basemap into small
// GeoJSON files embedded in the binary; tiles are cut from it on demand (projected, clipped with
// a buffer, simplified to half a pixel) and cached. Glyph PBFs for Noto Sans (OFL) are generated
// by scripts/glyphs and embedded too. The style at /style.json points at all of these with URLs
// absolute to the request's origin.
//
// A deployer may instead serve a PMTiles basemap (Config.PMTilesPath, served with HTTP range
// requests) together with a style of their own (Config.StylePath or Config.StyleURL), since a
// PMTiles basemap has its own layer names.
package tiles
