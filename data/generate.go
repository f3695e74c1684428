package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

// GenOptions describe a synthetic dataset for measurements. The same options always give the
// same data, byte for byte.
type GenOptions struct {
	Settlements int
	ChangesPer  int
	Seed        uint64
	Bound       orb.Bound // where the settlements lie
	Force       bool      // replace an existing file
	Progress    io.Writer // plain progress lines; nil for none
}

// GenBound is the default area of generated settlements: the Karabakh region and its
// surroundings.
var GenBound = orb.Bound{Min: orb.Point{45.9, 39.1}, Max: orb.Point{47.8, 40.4}}

// genRecordedAt is when every generated record says it was recorded: fixed, so that the same
// options give the same database.
var genRecordedAt = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// Generate writes a ready database (migrations applied) at path holding a synthetic dataset:
// settlements clustered around district centres with names in four scripts, the seed's actors,
// and ChangesPer dated, sourced changes of control per settlement over 1990–2024, each with
// its revision in the audit trail, as an import would record them. It writes in bulk (batched
// multi-row inserts in large transactions) into a temporary file renamed into place, so a
// failure leaves nothing behind.
func Generate(ctx context.Context, path string, opts GenOptions) error {
	if err := opts.validate(); err != nil {
		return err
	}
	if _, err := os.Stat(path); err == nil && !opts.Force {
		return fmt.Errorf("data: generate: %s exists (use --force to replace it)", path)
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".gen")
	removeDB(tmp)
	defer removeDB(tmp)
	if err := generateInto(ctx, tmp, opts); err != nil {
		return fmt.Errorf("data: generate %s: %w", path, err)
	}
	removeDB(path)
	return os.Rename(tmp, path)
}

func (o GenOptions) validate() error {
	switch {
	case o.Settlements < 1:
		return geo.Invalidf("settlements", "%d: need at least 1", o.Settlements)
	case o.ChangesPer < 0 || o.ChangesPer > 1000:
		return geo.Invalidf("changes-per", "%d is outside 0..1000", o.ChangesPer)
	case !(o.Bound.Min.Lon() < o.Bound.Max.Lon() && o.Bound.Min.Lat() < o.Bound.Max.Lat()):
		return geo.Invalidf("bbox", "%v is not a bounding box minLon,minLat,maxLon,maxLat", o.Bound)
	case o.Bound.Min.Lon() < -180 || o.Bound.Max.Lon() > 180 || o.Bound.Min.Lat() < -85 || o.Bound.Max.Lat() > 85:
		return geo.Invalidf("bbox", "%v is outside -180,-85,180,85", o.Bound)
	}
	return nil
}

// removeDB removes a database file and its WAL files.
func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

// generateInto migrates a new database at path with no journal (a failed file is thrown
// away), fills it, and leaves it in WAL mode as Open expects.
func generateInto(ctx context.Context, path string, opts GenOptions) error {
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=OFF&_synchronous=OFF&_foreign_keys=0")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `PRAGMA cache_size = -262144`); err != nil {
		return err
	}
	if err := migrate(ctx, db); err != nil {
		return err
	}
	g := newGenerator(opts)
	if err := g.write(ctx, db); err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, `PRAGMA journal_mode = WAL`)
	return err
}

// generator makes the records, in one deterministic order.
type generator struct {
	opts     GenOptions
	r        *rand.Rand
	clusters []cluster
	origin   string
	now      string
	start    time.Time
}

// cluster is a district: a centre and a spread, in degrees.
type cluster struct {
	name   string
	center orb.Point
	spread float64
}

func newGenerator(opts GenOptions) *generator {
	g := &generator{
		opts:   opts,
		r:      rand.New(rand.NewPCG(opts.Seed, 0x636f6e74726f6c)),
		origin: fmt.Sprintf("controlmap gen --settlements %d --changes-per %d --seed %d", opts.Settlements, opts.ChangesPer, opts.Seed),
		now:    formatTime(genRecordedAt),
		start:  time.Now(),
	}
	g.clusters = g.makeClusters()
	return g
}

// makeClusters places one district per 2,000 settlements (at least 12) in the bound.
func (g *generator) makeClusters() []cluster {
	n := max(12, g.opts.Settlements/2000)
	b := g.opts.Bound
	out := make([]cluster, n)
	for i := range out {
		out[i] = cluster{
			name:   genDistricts[i%len(genDistricts)] + suffixIf(i >= len(genDistricts), fmt.Sprint(" ", i/len(genDistricts)+1)),
			center: orb.Point{b.Min.Lon() + g.r.Float64()*(b.Max.Lon()-b.Min.Lon()), b.Min.Lat() + g.r.Float64()*(b.Max.Lat()-b.Min.Lat())},
			spread: (0.02 + g.r.Float64()*0.1) * math.Max(b.Max.Lon()-b.Min.Lon(), b.Max.Lat()-b.Min.Lat()) / 1.9,
		}
	}
	return out
}

func suffixIf(ok bool, s string) string {
	if ok {
		return s
	}
	return ""
}

// commitEvery is how many settlements (with their changes) one transaction writes: a whole
// number of the producer's chunks.
const commitEvery = 80 * genChunk

func (g *generator) write(ctx context.Context, db *sql.DB) error {
	if err := g.writeActors(ctx, db); err != nil {
		return err
	}
	indexes, err := dropIndexes(ctx, db, "changes", "sources", "revisions")
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan []genRecord, 4)
	go g.produce(ctx, chunks)
	for from := 0; from < g.opts.Settlements; from += commitEvery {
		to := min(from+commitEvery, g.opts.Settlements)
		if err := inTx(ctx, db, func(tx *sql.Tx) error { return g.writeRecords(ctx, tx, chunks, to-from) }); err != nil {
			return err
		}
		g.progress("%d/%d settlements, %d changes written (%.1fs)", to, g.opts.Settlements, to*g.opts.ChangesPer, time.Since(g.start).Seconds())
	}
	g.progress("indexing (%.1fs)", time.Since(g.start).Seconds())
	return createIndexes(ctx, db, indexes)
}

// genRecord is one settlement and its changes, with the audit trail's bodies made ready.
type genRecord struct {
	settlement geo.Settlement
	changes    []geo.Change
	revisions  [][]byte // the settlement's, then each change's (twice when retracted)
}

// genChunk is how many records the producer hands over at a time.
const genChunk = 256

// produce makes every record, in order, while the caller writes: generating and encoding on
// one core, SQLite on the other.
func (g *generator) produce(ctx context.Context, out chan<- []genRecord) {
	defer close(out)
	chunk := make([]genRecord, 0, genChunk)
	for i := range g.opts.Settlements {
		chunk = append(chunk, g.record(i))
		if len(chunk) == genChunk || i == g.opts.Settlements-1 {
			select {
			case out <- chunk:
			case <-ctx.Done():
				return
			}
			chunk = make([]genRecord, 0, genChunk)
		}
	}
}

func (g *generator) record(i int) genRecord {
	st := g.settlement(i)
	rec := genRecord{settlement: st, changes: g.changes(st)}
	rec.revisions = append(rec.revisions, mustJSON(st))
	for _, c := range rec.changes {
		if c.Retracted != nil {
			imported := c
			imported.Retracted = nil
			rec.revisions = append(rec.revisions, mustJSON(imported))
		}
		rec.revisions = append(rec.revisions, mustJSON(c))
	}
	return rec
}

// mustJSON encodes the geo values of a record, which always encode.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// writeRecords writes the next n records from chunks.
func (g *generator) writeRecords(ctx context.Context, tx *sql.Tx, chunks <-chan []genRecord, n int) error {
	bw := newBulkWriter(ctx, tx)
	for n > 0 {
		chunk, ok := <-chunks
		if !ok {
			return errors.New("generator stopped early")
		}
		for _, rec := range chunk {
			if err := bw.putRecord(rec, g.origin, g.now); err != nil {
				return err
			}
		}
		n -= len(chunk)
	}
	return bw.flush()
}

func (g *generator) progress(format string, args ...any) {
	if g.opts.Progress != nil {
		fmt.Fprintf(g.opts.Progress, format+"\n", args...)
	}
}

func (g *generator) writeActors(ctx context.Context, db *sql.DB) error {
	return inTx(ctx, db, func(tx *sql.Tx) error {
		bw := newBulkWriter(ctx, tx)
		for _, a := range genActors {
			if err := bw.actors.add(func(args []any) []any { return appendActorRow(args, &a) }); err != nil {
				return err
			}
			if err := bw.revision("actor", a.ID, g.now, g.origin, mustJSON(a)); err != nil {
				return err
			}
		}
		return bw.flush()
	})
}

// settlement makes settlement i: a point near a district centre, a name in four scripts.
func (g *generator) settlement(i int) geo.Settlement {
	c := g.clusters[g.r.IntN(len(g.clusters))]
	b := g.opts.Bound
	lon := clamp(c.center.Lon()+g.r.NormFloat64()*c.spread, b.Min.Lon(), b.Max.Lon())
	lat := clamp(c.center.Lat()+g.r.NormFloat64()*c.spread*0.7, b.Min.Lat(), b.Max.Lat())
	names, slug := g.name()
	place := g.place()
	return geo.Settlement{
		ID: fmt.Sprintf("%s-%d", slug, i), Names: names, Point: orb.Point{round6(lon), round6(lat)},
		District: c.name, Country: "AZ", Place: place, Population: g.population(place),
		GeoNamesID: int64(g.r.IntN(2) * (500000 + i)),
	}
}

func clamp(v, lo, hi float64) float64 { return math.Min(math.Max(v, lo), hi) }

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }

func (g *generator) place() geo.Place {
	switch x := g.r.IntN(100); {
	case x < 1:
		return geo.City
	case x < 6:
		return geo.Town
	}
	return geo.Village
}

// population is 0 (unknown) for a fifth of the settlements, else log-uniform in its place's range.
func (g *generator) population(p geo.Place) int {
	if g.r.IntN(5) == 0 {
		return 0
	}
	lo, hi := 30.0, 3000.0
	switch p {
	case geo.City:
		lo, hi = 20000, 300000
	case geo.Town:
		lo, hi = 3000, 30000
	}
	return int(math.Exp(math.Log(lo) + g.r.Float64()*(math.Log(hi)-math.Log(lo))))
}

// name builds a name from two or three syllables and a suffix, written in English,
// Azerbaijani, Armenian and Russian, and its slug.
func (g *generator) name() (geo.Names, string) {
	var n geo.Names
	parts := make([]syllable, 0, 4)
	for range 2 + g.r.IntN(2) {
		parts = append(parts, genSyllables[g.r.IntN(len(genSyllables))])
	}
	parts = append(parts, genSuffixes[g.r.IntN(len(genSuffixes))])
	for _, p := range parts {
		n.En, n.Az, n.Hy, n.Ru = n.En+p.en, n.Az+p.az, n.Hy+p.hy, n.Ru+p.ru
	}
	slug := n.En
	n.En, n.Az, n.Hy, n.Ru = capitalize(n.En), capitalize(n.Az), capitalize(n.Hy), capitalize(n.Ru)
	if g.r.IntN(10) == 0 { // some settlements have no Armenian or Russian name
		n.Hy = ""
	}
	if g.r.IntN(20) == 0 {
		n.Ru = ""
	}
	return n, slug
}

func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// genFirstDay and genLastDay bound the generated changes: 1990–2024.
var (
	genFirstDay = geo.MustParseDate("1990-01-01").Start
	genLastDay  = geo.MustParseDate("2024-12-31").Start
)

// genWaves are days around which most changes fall, as in the real data.
var genWaves = []string{"1992-05-08", "1993-07-23", "1993-10-25", "2020-10-17", "2020-11-20", "2020-12-01", "2023-09-20"}

// changes makes ChangesPer changes of st at distinct days, each controller differing from the
// one before, with one to three sources.
func (g *generator) changes(st geo.Settlement) []geo.Change {
	days := g.days(g.opts.ChangesPer)
	out := make([]geo.Change, len(days))
	prev := ""
	for j, d := range days {
		c := geo.Change{
			SettlementID: st.ID, Date: g.date(d), Controller: g.controller(prev),
			Kind: g.kind(), Status: g.status(), RecordedAt: genRecordedAt,
		}
		c.ID = fmt.Sprintf("%s-%s-%d", st.ID, strings.ReplaceAll(c.Date.String(), "-", ""), j)
		c.Sources = g.sources(st, c)
		if g.r.IntN(8) == 0 {
			c.Note = "Synthetic record: reported by " + c.Sources[0].Publisher + "."
		}
		if g.r.IntN(200) == 0 {
			c.Retracted = &geo.Retraction{At: genRecordedAt, Reason: "Synthetic retraction: the report was withdrawn."}
		}
		prev, out[j] = c.Controller, c
	}
	return out
}

// days picks n distinct sorted days in 1990–2024, most near a wave.
func (g *generator) days(n int) []geo.Day {
	seen := make(map[geo.Day]bool, n)
	out := make([]geo.Day, 0, n)
	for len(out) < n && len(seen) < int(genLastDay-genFirstDay) {
		d := genFirstDay + geo.Day(g.r.IntN(int(genLastDay-genFirstDay)+1))
		if g.r.IntN(3) > 0 {
			d = geo.MustParseDate(genWaves[g.r.IntN(len(genWaves))]).Start + geo.Day(g.r.IntN(61)-30)
		}
		if d < genFirstDay || d > genLastDay || seen[d] {
			continue
		}
		seen[d] = true
		out = append(out, d)
	}
	slices.Sort(out)
	return out
}

// date gives day d a precision: mostly the day, sometimes only the month or the year.
func (g *generator) date(d geo.Day) geo.Date {
	s := d.String()
	switch x := g.r.IntN(100); {
	case x < 8:
		s = s[:4]
	case x < 20:
		s = s[:7]
	}
	return geo.MustParseDate(s)
}

func (g *generator) controller(prev string) string {
	for {
		a := genActors[weighted(g.r, 45, 45, 10)].ID
		if a != prev {
			return a
		}
	}
}

func (g *generator) kind() geo.Kind {
	return []geo.Kind{geo.Capture, geo.Handover, geo.Withdrawal, geo.Claim, geo.Other}[weighted(g.r, 50, 20, 10, 12, 8)]
}

func (g *generator) status() geo.Status {
	return []geo.Status{geo.Confirmed, geo.Claimed, geo.Disputed}[weighted(g.r, 70, 22, 8)]
}

// weighted returns i with a chance proportional to weights[i].
func weighted(r *rand.Rand, weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := r.IntN(total)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

func (g *generator) sources(st geo.Settlement, c geo.Change) []geo.Source {
	out := make([]geo.Source, 1+weighted(g.r, 70, 22, 8))
	for i := range out {
		pub := genPublishers[g.r.IntN(len(genPublishers))]
		out[i] = geo.Source{
			Title:     fmt.Sprintf("%s: %s, %s", pub.title, st.Names.En, c.Date),
			Publisher: pub.name,
			URL:       fmt.Sprintf("https://%s/%s/%d", pub.host, c.ID, i),
		}
		if g.r.IntN(2) == 0 {
			out[i].Published = geo.MustParseDate((c.Date.Start + geo.Day(g.r.IntN(5))).String())
		}
	}
	return out
}

// bulkWriter writes records in multi-row INSERTs, through the statements the importer uses.
type bulkWriter struct {
	actors, settlements, changes, sources, revisions *inserter
}

func newBulkWriter(ctx context.Context, tx *sql.Tx) *bulkWriter {
	return &bulkWriter{
		actors:      newInserter(ctx, tx, insertActors, rowsPerInsert),
		settlements: newInserter(ctx, tx, insertSettlements, rowsPerInsert),
		changes:     newInserter(ctx, tx, insertChanges, rowsPerInsert),
		sources:     newInserter(ctx, tx, insertSources, rowsPerInsert),
		revisions:   newInserter(ctx, tx, insertRevisions, rowsPerInsert),
	}
}

// putRecord writes a settlement, its changes with their sources, and their revisions.
func (w *bulkWriter) putRecord(rec genRecord, origin, now string) error {
	st := rec.settlement
	if err := w.settlements.add(func(args []any) []any { return appendSettlementRow(args, &st) }); err != nil {
		return err
	}
	revs := rec.revisions
	if err := w.revision("settlement", st.ID, now, origin, revs[0]); err != nil {
		return err
	}
	revs = revs[1:]
	for i := range rec.changes {
		c := &rec.changes[i]
		if err := addChange(w.changes, w.sources, c); err != nil {
			return err
		}
		n := 1
		if c.Retracted != nil {
			n = 2
		}
		for _, body := range revs[:n] {
			if err := w.revision("change", c.ID, now, origin, body); err != nil {
				return err
			}
		}
		revs = revs[n:]
	}
	return nil
}

// revision writes a revision of a record, body its JSON.
func (w *bulkWriter) revision(entity, id, now, origin string, body []byte) error {
	return w.revisions.add(func(args []any) []any { return append(args, entity, id, now, origin, string(body)) })
}

// flush writes what every inserter holds, parents first.
func (w *bulkWriter) flush() error {
	for _, b := range []*inserter{w.actors, w.settlements, w.changes, w.sources, w.revisions} {
		if err := b.flush(); err != nil {
			return err
		}
	}
	return nil
}
