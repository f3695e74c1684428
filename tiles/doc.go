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
// from <= day < to without asking the server again. A tile asked for with a date holds only the
// periods valid on that day, for clients that want one date.
//
// Only the properties a zoom needs: names from the zoom a settlement is labelled at (cities 6,
// towns 8, villages 10: the web map's label zooms), change ids and since from zoom 12. MVT stores each
// distinct value once per tile, so the properties a settlement's periods share cost a few bytes
// a period. A client that shows one language may ask for it (SettlementsIn, ?lang=): the tile
// then holds the default name and that language's only. (The web map keeps every language, so
// that switching languages reloads no tile.)
//
// # The slider's data: the timeline property
//
// The open-ended period of each settlement also carries "t", all its periods packed in one
// string (TimelineProp; docs/CONTRACT.md). The web map draws each settlement once, from that
// feature, and colours it for the slider's day with feature state (MapLibre re-lays out every
// loaded tile when a filter changes, feature state it does not). For a small dataset (up to
// 20,000 periods: the seed, the region's 1,200 settlements) it loads every period from
// /api/periods at start-up, as before: complete counts, lists and search. Past that it reads
// the periods of the settlements MapLibre has loaded from "t" (querySourceFeatures when the
// source has loaded) and sets feature state only for those; the legend and the changes list
// then cover the settlements loaded so far, search adds the API's matches (q), and the
// slider's change days come from /api/timeline. Measured at 100,000 settlements and a million changes, the alternatives:
// /api/periods for everything is 464 MB of JSON (30.5 MB gzipped); the most compact whole
// download (one line per settlement: id, point, rank, district, four names and its "t") is
// 25 MB, 5.6 MB gzipped at the best level (the timelines alone 3.2 MB), and grows with the data;
// per-date tiles re-fetch every visible tile at each slider step. "t" adds a settlement's
// timeline once to tiles the map loads anyway, bounded by the feature budget: the map's first
// load at 100,000 settlements is 756 kB gzipped, of which 161 kB tiles and 1 kB API
// (TestBrowserPerf), and a step stays local.
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
// both tiles. A tile is thinned when it and its eight neighbours hold more than ThinAbove.
//
// The Server places the settlements of each index version on a grid once (tens of milliseconds
// at 100,000 settlements), in the background as soon as the version is seen: sorted by the
// Morton code of their zoom-18 pixel, so that the settlements of any tile or thinning cell are
// one run of it, found by binary search; the thinning of each zoom is built from the zoom below
// (the most important settlement of a cell is the most important of its four quarters' own). A tile then holds at most FeatureBudget period
// features (1,024 below zoom 8, 2,048 from it): the most important settlements whose periods
// fit, cities always. This bounds its size whatever the dataset and the number of changes.
//
// Settlement tiles are written by a small MVT writer of their own (layerWriter), with keys and
// values deduplicated as they come; orb's encoder built a map per feature and took tens of
// milliseconds for a dense tile. On-the-fly tiles are gzipped at gzip.BestSpeed.
//
// Tiles are cached in memory, gzip-compressed once, in an answer.Cache (the one cache of the
// server, shared in kind with the web answers) under a key that holds the index version: any
// write to the store makes the old entries unreachable, and they are dropped at once;
// concurrent requests of one uncached tile cut it once.
//
// Prerendering: when the data holds at least Config.PrerenderMinSettlements (10,000), the
// undated tiles of zooms 0 to Config.PrerenderMaxZoom (11) over the data's bound, the densest
// and costliest to cut, are cut into the cache in the background once the data has stayed the
// same for Config.PrerenderDelay (1 s) after the start and after each change set (about 200
// tiles and 30 MB for 100,000 settlements over the region); deeper tiles are cut on
// request. The goroutine that does it holds its Server weakly and ends with it.
//
// # The pyramid
//
// With Config.PyramidPath (controlmap serve --tiles-pyramid FILE) the server keeps a PMTiles v3
// archive of the undated settlement tiles of zooms 0 to Config.PyramidMaxZoom (12): written in
// the background once the data has stayed the same for Config.PyramidDelay after a change set,
// through a temporary file and a rename, with identical tiles stored once and, past 16 KiB of
// root directory, leaf directories. While its version is the index's, a tile missing from the
// cache is read from it (a read and a gunzip, no cutting); otherwise, and past its max zoom, tiles
// are cut on the fly. The archive is served at /tiles/settlements.pmtiles for PMTiles readers.
//
// # Basemap
//
// The basemap is Natural Earth data (public domain) converted by scripts/basemap into small
// GeoJSON files embedded in the binary; tiles are cut from it on demand (projected, clipped with
// a buffer, simplified to half a pixel) and cached. Glyph PBFs for Noto Sans (OFL) are generated
// by scripts/glyphs and embedded too; a font stack with fallbacks is served by its first font
// that is here. The basemap has a TileJSON too, its fields read from the embedded features.
//
// # Style
//
// The style (/style.json) is the whole map of one date: the basemap, then the settlements with a
// filter from <= d < to on the period features, coloured by controller (a match built from the
// index's actors; claimed, disputed and changing drawn apart), and their labels in the chosen
// language by rank from the zooms the tiles carry names at. Its URLs are absolute to the request's origin, so any
// MapLibre client given only the style URL draws what the web map draws. The web map draws the
// same rules with feature state for the slider's day instead of the date filter (a step then
// re-lays no tile out); a browser test in web/ holds the two equal.
//
// A deployer may instead serve a PMTiles basemap (Config.PMTilesPath, served with HTTP range
// requests) together with a style of their own (Config.StylePath or Config.StyleURL), since a
// PMTiles basemap has its own layer names.
package tiles
