package geo

import "testing"

func TestFoldName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Abdal-Gülablı", "abdalgulabli"},
		{"Абдал-Гюлаблы", "abdalgyulably"},
		{"Շուշի", "shushi"},
		{"Şuşa", "susa"},
		{"Xocalı", "xocali"},
		{"İRƏVAN", "irevan"},
		{"  ", ""},
	}
	for _, tc := range tests {
		if got := FoldName(tc.in); got != tc.want {
			t.Errorf("FoldName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNameQueryScore(t *testing.T) {
	names := Names{En: "Khojaly", Az: "Xocalı", Ru: "Ходжалы", Hy: "Խոջալու"}
	tests := []struct {
		q    string
		want int
	}{
		{"khojaly", 5},
		{"XOCALI", 5},
		{"xoc", 4},
		{"jal", 3},
		{"Hojali", 2},
		{"Шуша", 0},
	}
	for _, tc := range tests {
		if got := NewNameQuery(tc.q).Score(names); got != tc.want {
			t.Errorf("Score(%q) = %d, want %d", tc.q, got, tc.want)
		}
	}
}
