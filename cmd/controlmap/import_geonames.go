package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/controlmap/controlmap/data"
)

// geoNamesFlags are the flags of "import geonames".
type geoNamesFlags struct {
	admin1       listFlag
	featureCodes listFlag
	bbox         bboxFlag
	admin1Names  string
}

func (g *geoNamesFlags) register(fs *flag.FlagSet) {
	g.admin1.pattern = admin1Code
	g.featureCodes.pattern = featureCode
	fs.Var(&g.admin1, "admin1", "geonames: keep the first-level divisions with these `codes`, e.g. AZ.03,AZ.14 or 03,14")
	fs.Var(&g.featureCodes, "feature-codes", "geonames: keep the places with these feature `codes`, e.g. PPL,PPLA,PPLQ (default: all of class P)")
	fs.Var(&g.bbox, "bbox", "geonames: keep the places inside `minLon,minLat,maxLon,maxLat`")
	fs.StringVar(&g.admin1Names, "admin1-names", "", "geonames: district names by admin1 code, a CSV code,name or GeoNames' admin1CodesASCII.txt `file` (default: the embedded AZ and AM names)")
}

func (g *geoNamesFlags) set() bool {
	return g.admin1.list != nil || g.featureCodes.list != nil || g.bbox.bound != nil || g.admin1Names != ""
}

// options builds the importer's options, reading --admin1-names.
func (g *geoNamesFlags) options() (data.GeoNamesOptions, error) {
	opts := data.GeoNamesOptions{
		Filter:      data.GeoNamesFilter{Admin1: g.admin1.list, FeatureCodes: g.featureCodes.list, BBox: g.bbox.bound},
		Admin1Names: data.Admin1NamesAZAM(),
	}
	if g.admin1Names == "" {
		return opts, nil
	}
	f, err := os.Open(g.admin1Names)
	if err != nil {
		return opts, fmt.Errorf("--admin1-names: %w", err)
	}
	defer f.Close()
	opts.Admin1Names, err = data.ReadAdmin1Names(f, g.admin1Names)
	return opts, err
}

// importGeoNames imports each GeoNames dump in files and reports what it did on stdout.
func importGeoNames(ctx context.Context, st *data.Store, files []string, g *geoNamesFlags, stdout, stderr io.Writer) error {
	opts, err := g.options()
	if err != nil {
		return err
	}
	for _, file := range files {
		rep, err := importGeoNamesFile(ctx, st, file, opts, stderr)
		if err != nil {
			return err
		}
		printGeoNamesReport(stdout, file, rep)
	}
	return nil
}

func importGeoNamesFile(ctx context.Context, st *data.Store, file string, opts data.GeoNamesOptions, stderr io.Writer) (rep data.GeoNamesReport, err error) {
	err = readShown(stderr, file, "settlements", func(r io.Reader, shown *stages) error {
		opts.Progress = shown.wrote
		rep, err = st.ImportGeoNames(ctx, file, r, opts)
		return err
	})
	return rep, err
}

func printGeoNamesReport(w io.Writer, file string, rep data.GeoNamesReport) {
	fmt.Fprintf(w, "%s: %d rows, %d settlements selected: %d added, %d updated, %d unchanged\n",
		file, rep.Read, rep.Selected, rep.Added, rep.Updated, rep.Unchanged)
	for _, m := range rep.Moved {
		fmt.Fprintf(w, "  moved %s (geonames %d) by %.0f m\n", m.ID, m.GeoNamesID, m.Meters)
	}
	for _, m := range rep.Differs {
		fmt.Fprintf(w, "  kept the curated point of %s: GeoNames %d is %.0f m away\n", m.ID, m.GeoNamesID, m.Meters)
	}
}

var (
	admin1Code  = regexp.MustCompile(`^([A-Z]{2}\.)?[0-9A-Z]{1,20}$`)
	featureCode = regexp.MustCompile(`^[A-Z0-9]{1,10}$`)
)

// listFlag is a comma-separated list whose every item matches pattern.
type listFlag struct {
	pattern *regexp.Regexp
	list    []string
}

func (l *listFlag) String() string { return strings.Join(l.list, ",") }

func (l *listFlag) Set(s string) error {
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if !l.pattern.MatchString(item) {
			return fmt.Errorf("%q is not a code such as %s", item, example(l.pattern))
		}
		l.list = append(l.list, item)
	}
	return nil
}

func example(p *regexp.Regexp) string {
	if p == admin1Code {
		return "AZ.03 or 03"
	}
	return "PPL or PPLA"
}
