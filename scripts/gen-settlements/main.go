// Command gen-settlements writes N synthetic settlements and their changes of control as
// controlmap import files (settlements.csv, changes.csv) for performance measurements.
// They use the seed's actors (azerbaijan, armenian-forces).
//
//	go run ./scripts/gen-settlements -n 10000 -out /tmp/gen
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

type wave struct{ date, controller, kind string }

// Key dates of the conflict, so that changes cluster as in the real data.
var (
	captures = []wave{{"1992-05-08", "armenian-forces", "capture"}, {"1993-07-23", "armenian-forces", "capture"}, {"1993-10-25", "armenian-forces", "capture"}}
	returns  = []wave{{"2020-10-17", "azerbaijan", "capture"}, {"2020-11-20", "azerbaijan", "handover"}, {"2020-12-01", "azerbaijan", "handover"}, {"2023-09-20", "azerbaijan", "capture"}}
)

var (
	settlementHeader = []string{"id", "name_en", "name_az", "name_hy", "name_ru", "district", "country", "lon", "lat", "population", "geonames_id", "wikipedia_url", "place"}
	changeHeader     = []string{"id", "settlement_id", "date", "controller", "kind", "status", "source_title", "source_publisher", "source_url", "source_date", "note"}
)

func main() {
	n := flag.Int("n", 10000, "number of settlements")
	out := flag.String("out", ".", "output directory")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	r := rand.New(rand.NewPCG(*seed, 0))
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	if err := writeCSV(filepath.Join(*out, "settlements.csv"), settlements(*n, r)); err != nil {
		log.Fatal(err)
	}
	if err := writeCSV(filepath.Join(*out, "changes.csv"), changes(*n, r)); err != nil {
		log.Fatal(err)
	}
}

func settlements(n int, r *rand.Rand) [][]string {
	rows := [][]string{settlementHeader}
	for i := range n {
		lon, lat := 45.9+r.Float64()*1.9, 39.1+r.Float64()*1.3
		rows = append(rows, []string{id(i), fmt.Sprintf("Genville %d", i), fmt.Sprintf("Genkənd %d", i),
			fmt.Sprintf("Գենավան %d", i), fmt.Sprintf("Генсело %d", i), "Generated", "AZ",
			strconv.FormatFloat(lon, 'f', 5, 64), strconv.FormatFloat(lat, 'f', 5, 64),
			strconv.Itoa(50 + r.IntN(5000)), "", "", place(r)})
	}
	return rows
}

// changes gives each settlement a capture in the 1990s and, for most, a return in 2020–2023.
func changes(n int, r *rand.Rand) [][]string {
	rows := [][]string{changeHeader}
	for i := range n {
		ws := []wave{captures[r.IntN(len(captures))]}
		if r.IntN(5) > 0 {
			ws = append(ws, returns[r.IntN(len(returns))])
		}
		for j, w := range ws {
			status := "confirmed"
			if r.IntN(10) == 0 {
				status = "claimed"
			}
			rows = append(rows, []string{fmt.Sprintf("%s-%d", id(i), j), id(i), w.date, w.controller, w.kind, status,
				"Synthetic source", "controlmap generator", "https://example.org/generated", "", ""})
		}
	}
	return rows
}

func id(i int) string { return fmt.Sprintf("gen-%05d", i) }

func place(r *rand.Rand) string {
	switch x := r.IntN(100); {
	case x < 1:
		return "city"
	case x < 6:
		return "town"
	}
	return "village"
}

func writeCSV(path string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.WriteAll(rows)
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
