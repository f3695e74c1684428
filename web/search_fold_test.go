package web_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
)

// TestSearchFoldMatchesTheMap: the API's q= (geo.FoldName) folds every seed name exactly as
// the map's search box (web/static/js/search.js, run by node) does.
func TestSearchFoldMatchesTheMap(t *testing.T) {
	node := needTool(t, "node")
	var names []string
	for _, e := range datatest.MustOpenSeeded(t).Index().Entries(nil) {
		for _, l := range geo.Languages {
			names = append(names, e.Settlement.Names.In(l))
		}
	}
	names = append(names, "Abdal-Gülablı", "İRƏVAN", "Ǆ ǅ ǆ", "ÆØÅ ß Łódź", "Ёлка-Щучье", "Ոսկեվազ և", "123 ab_c")

	// Copy the map's modules beside a package.json that marks them as ES modules.
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("static/js")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"type":"module"}`), 0o644)
	in, _ := json.Marshal(names)
	os.WriteFile(filepath.Join(dir, "names.json"), in, 0o644)
	script := `import { fold } from './search.js'; import { readFileSync } from 'node:fs';
console.log(JSON.stringify(JSON.parse(readFileSync('names.json', 'utf8')).map(fold)));`
	os.WriteFile(filepath.Join(dir, "fold.mjs"), []byte(script), 0o644)
	cmd := exec.Command(node, "fold.mjs")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var js []string
	if err := json.Unmarshal(out, &js); err != nil || len(js) != len(names) {
		t.Fatalf("node answered %s", out)
	}
	for i, name := range names {
		if got := geo.FoldName(name); got != js[i] {
			t.Errorf("fold(%q): Go %q, JavaScript %q", name, got, js[i])
		}
	}
}
