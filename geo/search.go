package geo

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Name search folds every name and the query to one Latin key, insensitive to case, accents
// and script: "Abdal-Gülablı", "Абдал-Гюлаблы" and "abdal gulabli" all become "abdalgulabli".
// A looser skeleton also folds common transliteration variants (kh/x, j/c, y/i…), so that
// "Khojaly" finds "Xocalı". The map's search box (web/static/js/search.js) folds the same way.

// foldLetters are the letters that NFD does not reduce to a Latin base letter.
var foldLetters = map[rune]string{
	// Azerbaijani and Turkish letters that NFD does not split.
	'ə': "e", 'ı': "i", 'ß': "ss", 'ø': "o", 'æ': "ae", 'ł': "l", 'đ': "d",
	// Russian.
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	// Armenian.
	'ա': "a", 'բ': "b", 'գ': "g", 'դ': "d", 'ե': "e", 'զ': "z", 'է': "e", 'ը': "y", 'թ': "t",
	'ժ': "zh", 'ի': "i", 'լ': "l", 'խ': "kh", 'ծ': "ts", 'կ': "k", 'հ': "h", 'ձ': "dz", 'ղ': "gh",
	'ճ': "ch", 'մ': "m", 'յ': "y", 'ն': "n", 'շ': "sh", 'ո': "o", 'չ': "ch", 'պ': "p", 'ջ': "j",
	'ռ': "r", 'ս': "s", 'վ': "v", 'տ': "t", 'ր': "r", 'ց': "ts", 'ւ': "u", 'փ': "p", 'ք': "k",
	'օ': "o", 'ֆ': "f", 'և': "ev",
}

// FoldName turns a name into its search key: "Abdal-Gülablı" → "abdalgulabli".
func FoldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if unicode.Is(unicode.M, r) {
			continue
		}
		if l, ok := foldLetters[r]; ok {
			b.WriteString(l)
		} else {
			b.WriteRune(r)
		}
	}
	return keepAlnum(strings.ReplaceAll(b.String(), "ou", "u"))
}

func keepAlnum(s string) string {
	return strings.Map(func(r rune) rune {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			return r
		}
		return -1
	}, s)
}

var (
	affricates = strings.NewReplacer("dzh", "j", "dj", "j", "zh", "j", "ch", "j")
	variants   = [][2]string{{"sh", "s"}, {"kh", "h"}, {"gh", "g"}, {"x", "h"}, {"c", "j"}, {"q", "g"}, {"y", "i"}}
)

// skeleton folds a key's transliteration variants and doubled letters.
func skeleton(key string) string {
	s := affricates.Replace(key)
	for _, v := range variants {
		s = strings.ReplaceAll(s, v[0], v[1])
	}
	out := []byte{}
	for i := 0; i < len(s); i++ {
		if i == 0 || s[i] != s[i-1] {
			out = append(out, s[i])
		}
	}
	return string(out)
}

// NameQuery is a folded search query.
type NameQuery struct{ key, skel string }

// NewNameQuery folds q; Empty tells a query that folds to nothing.
func NewNameQuery(q string) NameQuery {
	key := FoldName(q)
	return NameQuery{key: key, skel: skeleton(key)}
}

// Empty reports whether the query has no letter or digit to search for.
func (q NameQuery) Empty() bool { return q.key == "" }

// Score tells how well names match q: 5 a name equals it, 4 starts with it, 3 contains it,
// 2 contains it once transliteration variants are folded, 0 no match.
func (q NameQuery) Score(names Names) int {
	best := 0
	for _, lang := range Languages {
		if n := names.In(lang); n != "" {
			best = max(best, q.scoreKey(FoldName(n)))
		}
	}
	return best
}

func (q NameQuery) scoreKey(k string) int {
	switch {
	case k == "":
		return 0
	case k == q.key:
		return 5
	case strings.HasPrefix(k, q.key):
		return 4
	case strings.Contains(k, q.key):
		return 3
	case strings.Contains(skeleton(k), q.skel):
		return 2
	}
	return 0
}
