package data_test

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
)

// BenchmarkSnapshotFormats writes the snapshot of 2020-11-20 of 10,000 generated settlements
// with 3 changes each in every format.
func BenchmarkSnapshotFormats(b *testing.B) {
	st := datatest.MustOpen(b)
	settlements, changes := generatedCSV(10_000, 3)
	datatest.MustImport(b, st, data.ImportActors, "a.csv", "id,name_en,name_az,name_hy,name_ru,color\nazerbaijan,Azerbaijan,,,,#0072B2\narmenian-forces,Armenian forces,,,,#D55E00\n")
	datatest.MustImport(b, st, data.ImportSettlements, "s.csv", string(settlements))
	if _, err := st.Import(context.Background(), data.ImportChanges, "c.csv", bytes.NewReader(changes)); err != nil {
		b.Fatal(err)
	}
	day, _ := geo.ParseDay("2020-11-20")
	for _, f := range data.Formats {
		b.Run(f.Name, func(b *testing.B) {
			for b.Loop() {
				if err := f.Write(io.Discard, st.Index(), day); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
