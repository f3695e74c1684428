// Package datatest opens real SQLite stores in a test's temporary directory.
package datatest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/controlmap/controlmap/data"
)

// Today is the fixed clock of test stores, so tests do not change with the calendar.
var Today = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

// MustOpen opens an empty store in tb's temporary directory, closed at the end of the test.
func MustOpen(tb testing.TB) *data.Store { return open(tb, false) }

// MustOpenSeeded opens a store loaded with the embedded seed dataset.
func MustOpenSeeded(tb testing.TB) *data.Store { return open(tb, true) }

// MustOpenAt opens the store at path, as another process would open a served database.
func MustOpenAt(tb testing.TB, path string) *data.Store {
	tb.Helper()
	return openAt(tb, path, false)
}

// MustOpenSeededAt opens the store at path, loaded with the embedded seed dataset when new, as
// a server opens its database.
func MustOpenSeededAt(tb testing.TB, path string) *data.Store {
	tb.Helper()
	return openAt(tb, path, true)
}

func open(tb testing.TB, seed bool) *data.Store {
	tb.Helper()
	return openAt(tb, filepath.Join(tb.TempDir(), "controlmap.db"), seed)
}

func openAt(tb testing.TB, path string, seed bool) *data.Store {
	tb.Helper()
	st, err := data.Open(context.Background(), path, data.Options{Seed: seed, Now: func() time.Time { return Today }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// MustImport imports body, named file, as kind into st.
func MustImport(tb testing.TB, st *data.Store, kind, file, body string) {
	tb.Helper()
	if _, err := st.Import(context.Background(), kind, file, strings.NewReader(body)); err != nil {
		tb.Fatal(err)
	}
}
