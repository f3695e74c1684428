package main

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb/maptile"
)

// result is everything measured on one dataset.
type result struct {
	data                    dataset
	gen, startup            time.Duration
	memStart, memLoad       memory
	memPeak, dbSize         int64
	periodsRaw, periodsGzip int
	snapshotCount           int
	asOf, encode, snapshot  []time.Duration
	tiles                   []maptile.Tile // the non-empty ones
	tileTimes               []time.Duration
	tileMax, tileTotal      int
	wrk                     []wrkResult
	wrkErr                  string
	pgLoad                  time.Duration
	pgSnapshot, pgAsOf      []time.Duration
	pgTiles                 []maptile.Tile
	pgTileTimes             []time.Duration
	pgTileMax               int
	pgErr                   string
	importUse               usage
	importChanges           int
	importErr               string
	profilePath, profileTop string
	openProfile             string
}

// wrkResult is the median requests/s of controlmap [0] and nginx [1] at conns connections.
type wrkResult struct {
	conns           int
	snapshot, tiles [2]float64
}

// row is one line of the table.
type row struct{ metric, cm, peer, ratio, target, met string }

const na = "n/a"

func pct(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[max(0, int(math.Ceil(p*float64(len(s))))-1)]
}

func med(ds []time.Duration) time.Duration { return pct(ds, 0.5) }

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

func kb(n int) string { return fmt.Sprintf("%.0f KB", float64(n)/1024) }

// faster is how many times as fast controlmap is (peer time over controlmap time).
func faster(cm, peer time.Duration) string {
	if cm <= 0 || peer <= 0 {
		return na
	}
	return fmt.Sprintf("%.2f×", float64(peer)/float64(cm))
}

func met(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

func (r *result) table() string {
	var b strings.Builder
	host, _ := os.Hostname()
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(&b, "## controlmap against its peers: %s\n\n", r.data)
	fmt.Fprintf(&b, "%s, %s, %d CPUs, load average at the end %s, Go %s.\n\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		host, runtime.NumCPU(), strings.Join(strings.Fields(string(load))[:3], " "), runtime.Version())
	b.WriteString("| metric | controlmap | peer | ratio | target | met? |\n|---|---|---|---|---|---|\n")
	for _, x := range r.rows() {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", x.metric, x.cm, x.peer, x.ratio, x.target, x.met)
	}
	b.WriteString(notes)
	if r.pgErr != "" {
		fmt.Fprintf(&b, "\nPostGIS not measured: %s\n", firstLine(r.pgErr))
	}
	if r.wrkErr != "" {
		fmt.Fprintf(&b, "\nCached answers not measured: %s\n", firstLine(r.wrkErr))
	}
	if r.importErr != "" {
		fmt.Fprintf(&b, "\nImport not measured: %s\n", firstLine(r.importErr))
	}
	if i := slowest(r.tileTimes); i >= 0 {
		fmt.Fprintf(&b, "\nSlowest uncached controlmap tile: %s, %s", tilePath(r.tiles[i]), ms(r.tileTimes[i]))
		if len(r.pgTileTimes) > 0 {
			j := slowest(r.pgTileTimes)
			fmt.Fprintf(&b, "; slowest PostGIS tile: %s, %s", tilePath(r.pgTiles[j]), ms(r.pgTileTimes[j]))
		}
		b.WriteString(".\n")
	}
	if r.profileTop != "" {
		fmt.Fprintf(&b, "\nCPU profile of 10 in-process snapshots, %s```\n", strings.Replace(r.profileTop, "\n", ":\n\n```\n", 1))
	}
	if r.openProfile != "" {
		fmt.Fprintf(&b, "\nCPU profile of loading the database as serve does (data.Open), %s```\n", strings.Replace(r.openProfile, "\n", ":\n\n```\n", 1))
	}
	return b.String()
}

const notes = `
Ratios are how many times as fast controlmap is as its peer (above 1: controlmap is faster;
for throughput, controlmap's requests/s over the peer's). Uncached answers are each asked once
(5 dates; every non-empty tile of z6–z9 over the area and a fixed sample of z10–z12), with gzip,
the body read to its end. PostGIS answers through psql on a loopback TCP connection, the snapshot
as uncompressed JSON, the tiles as ST_AsMVT of every period in the tile (controlmap thins crowded
low-zoom tiles to one settlement per 16 px cell, PostGIS does not). nginx serves the very bytes
controlmap sent (checked), with Content-Encoding: gzip. wrk: 2 threads, alternating A/B rounds,
medians. Everything shares the machine's cores with the load tool (and, here, other work).
`

// slowest returns the index of the longest duration, or -1.
func slowest(ds []time.Duration) int {
	if len(ds) == 0 {
		return -1
	}
	return slices.Index(ds, slices.Max(ds))
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func (r *result) rows() []row {
	rows := []row{
		{"`/api/periods` (the slider's data), raw / gzip", mb(int64(r.periodsRaw)) + " / " + mb(int64(r.periodsGzip)), na + " (no peer)", "", "map's first load < 2 MB gzip (periods alone here)", met(r.periodsGzip < 2<<20)},
		{"uncached full snapshot, end to end (median)", ms(med(r.snapshot)), "PostGIS " + msOr(r.pgSnapshot), faster(med(r.snapshot), med(r.pgSnapshot)), "< 300 ms", met(med(r.snapshot) < 300*time.Millisecond)},
		{"as-of computation (median; in process / SQL count)", ms(med(r.asOf)), "PostGIS " + msOr(r.pgAsOf), faster(med(r.asOf), med(r.pgAsOf)), "< 50 ms", met(med(r.asOf) < 50*time.Millisecond)},
		{"snapshot GeoJSON encoding, in process (median)", ms(med(r.encode)), na, "", "", ""},
		{fmt.Sprintf("uncached settlement tiles z6–z12, p50 (%d tiles)", len(r.tileTimes)), ms(med(r.tileTimes)), "PostGIS " + msOr(r.pgTileTimes), faster(med(r.tileTimes), med(r.pgTileTimes)), "", ""},
		{"uncached settlement tiles z6–z12, p99", ms(pct(r.tileTimes, 0.99)), "PostGIS " + p99Or(r.pgTileTimes), faster(pct(r.tileTimes, 0.99), pct(r.pgTileTimes, 0.99)), "< 10 ms", met(pct(r.tileTimes, 0.99) < 10*time.Millisecond)},
		{fmt.Sprintf("largest tile (uncompressed; all %d: %s)", len(r.tiles), mb(int64(r.tileTotal))), kb(r.tileMax), "PostGIS " + kbOr(r.pgTileMax), "", "≤ 500 KB", met(r.tileMax <= 500*1024)},
	}
	rows = append(rows, r.wrkRows()...)
	rows = append(rows,
		row{"start-up to first 200 of /healthz", fmt.Sprintf("%.2f s", r.startup.Seconds()), na, "", "< 2 s", met(r.startup < 2*time.Second)},
		row{"RSS after start", mb(r.memStart.rss), na, "", "< 300 MB", met(r.memStart.rss < 300<<20)},
		row{"RSS after a load round (uncached snapshots and tiles)", mb(r.memLoad.rss), na, "", "< 300 MB", met(r.memLoad.rss < 300<<20)},
		row{"RSS peak (VmHWM, after the cached rounds)", mb(r.memPeak), na, "", "< 300 MB", met(r.memPeak < 300<<20)},
		row{"generating the dataset (`controlmap gen`, bulk)", fmt.Sprintf("%.1f s (%s database)", r.gen.Seconds(), mb(r.dbSize)), "PostGIS load of the periods (COPY, GiST) " + secOr(r.pgLoad), "", "", ""},
	)
	return append(rows, r.importRow())
}

func (r *result) wrkRows() []row {
	if len(r.wrk) == 0 {
		return []row{{"cached snapshot and tiles vs nginx", na, na, "", "≥ 0.8× nginx", na}}
	}
	var rows []row
	for _, w := range r.wrk {
		for _, x := range []struct {
			what string
			v    [2]float64
		}{{"cached snapshot (" + cachedDate + ")", w.snapshot}, {fmt.Sprintf("cached tiles (%d)", len(r.tiles)), w.tiles}} {
			target, ok := "", ""
			if strings.HasPrefix(x.what, "cached tiles") && w.conns == 64 {
				target, ok = "≥ 0.8× nginx", met(x.v[0] >= 0.8*x.v[1])
			}
			rows = append(rows, row{fmt.Sprintf("%s, %d connections, req/s", x.what, w.conns),
				fmt.Sprintf("%.0f", x.v[0]), fmt.Sprintf("nginx %.0f", x.v[1]), fmt.Sprintf("%.2f×", x.v[0]/x.v[1]), target, ok})
		}
	}
	return rows
}

// importRow is the import of the changes CSV: measured whole at 1M changes or more, and
// extrapolated to 1M from a smaller file.
func (r *result) importRow() row {
	const target = "1M changes < 30 s"
	u := r.importUse
	if r.importChanges == 0 {
		return row{"import of changes (`controlmap import`)", na, na, "", target, na}
	}
	took := fmt.Sprintf("%.1f s (CPU %.1f s, peak RSS %d MB)", u.wall.Seconds(), u.cpu.Seconds(), u.peakRSS>>20)
	perM := time.Duration(float64(u.wall) * 1e6 / float64(r.importChanges)) // 1M changes at the rate measured
	if r.importChanges >= 1e6 {
		return row{fmt.Sprintf("import of %s changes into %s settlements (`controlmap import`)", human(r.importChanges), human(r.data.settlements)),
			took, na, "", target, met(perM < 30*time.Second)}
	}
	rate := float64(r.importChanges) / u.wall.Seconds()
	return row{fmt.Sprintf("import of %s changes (`controlmap import`), and 1M at that rate", human(r.importChanges)),
		fmt.Sprintf("%s; %.0f/s, 1M ≈ %.0f s", took, rate, perM.Seconds()), na, "", target, met(perM < 30*time.Second)}
}

func msOr(ds []time.Duration) string {
	if len(ds) == 0 {
		return na
	}
	return ms(med(ds))
}

func p99Or(ds []time.Duration) string {
	if len(ds) == 0 {
		return na
	}
	return ms(pct(ds, 0.99))
}

func kbOr(n int) string {
	if n == 0 {
		return na
	}
	return kb(n)
}

func secOr(d time.Duration) string {
	if d == 0 {
		return na
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// growthTable shows the main metrics at 2× changes and 2× settlements against the base.
func growthTable(rs []*result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Growth (controlmap): %s → %s and %s\n\n", rs[0].data, rs[1].data, rs[2].data)
	b.WriteString("| metric | base | 2× changes | × | 2× settlements | × |\n|---|---|---|---|---|---|\n")
	type metric struct {
		name string
		v    func(*result) float64
		f    func(float64) string
	}
	msf := func(v float64) string { return fmt.Sprintf("%.1f ms", v) }
	mbf := func(v float64) string { return mb(int64(v)) }
	for _, m := range []metric{
		{"generation (s)", func(r *result) float64 { return r.gen.Seconds() }, func(v float64) string { return fmt.Sprintf("%.1f s", v) }},
		{"start-up", func(r *result) float64 { return r.startup.Seconds() * 1000 }, msf},
		{"RSS after start", func(r *result) float64 { return float64(r.memStart.rss) }, mbf},
		{"RSS after load", func(r *result) float64 { return float64(r.memLoad.rss) }, mbf},
		{"RSS peak", func(r *result) float64 { return float64(r.memPeak) }, mbf},
		{"`/api/periods` gzip", func(r *result) float64 { return float64(r.periodsGzip) }, mbf},
		{"uncached snapshot (median)", func(r *result) float64 { return ms64(med(r.snapshot)) }, msf},
		{"as-of computation (median)", func(r *result) float64 { return ms64(med(r.asOf)) }, msf},
		{"uncached tiles p99", func(r *result) float64 { return ms64(pct(r.tileTimes, 0.99)) }, msf},
		{"largest tile", func(r *result) float64 { return float64(r.tileMax) }, func(v float64) string { return kb(int(v)) }},
	} {
		base := m.v(rs[0])
		fmt.Fprintf(&b, "| %s | %s | %s | %.2f | %s | %.2f |\n", m.name, m.f(base), m.f(m.v(rs[1])), m.v(rs[1])/base, m.f(m.v(rs[2])), m.v(rs[2])/base)
	}
	return b.String()
}

func ms64(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
