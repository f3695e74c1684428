package main

import (
	"net/url"
	"regexp"
	"strings"
)

// original is the original of a copy URL.
type original struct{ url, title, publisher string }

// publisherInfo names the organisation behind a host and its side.
type publisherInfo struct{ name, origin string }

// sourceBook turns the sources the facts cite into what readers see: the
// original article where it is identified, its title and publisher.
type sourceBook struct {
	originals  map[string]original
	publishers map[string]publisherInfo
}

// newSourceBook reads source_url_map.csv, url-originals.csv and publishers.csv.
func newSourceBook(in *inputs) *sourceBook {
	b := &sourceBook{originals: map[string]original{}, publishers: map[string]publisherInfo{}}
	for _, r := range in.urlMap {
		if r["original_url"] != "" && r["original_url"] != r["copy_url"] {
			b.originals[r["copy_url"]] = original{url: r["original_url"], title: r["original_title"]}
		}
	}
	for _, r := range in.urlOrig {
		b.originals[r["copy_url"]] = original{url: r["original_url"], title: r["original_title"], publisher: r["publisher"]}
	}
	for _, r := range in.publishers {
		b.publishers[r["domain"]] = publisherInfo{name: r["publisher"], origin: r["origin"]}
	}
	return b
}

// source is the source a facts row cites, pointed at its original.
func (b *sourceBook) source(r record) source {
	s := source{Title: r["source_title"], Publisher: r["source_publisher"], URL: r["source_url"], Date: r["source_date"]}
	if o, ok := b.originals[s.URL]; ok {
		s.URL, s.Title, s.Publisher = o.url, firstNonEmpty(o.title, s.Title), o.publisher
	}
	host := hostOf(s.URL)
	info := b.lookup(host)
	if lang, ok := wikipediaLanguage(host); ok {
		info = publisherInfo{name: "Wikipedia (" + lang + ")", origin: "international"}
		s.Publisher = info.name
	}
	s.Publisher = firstNonEmpty(s.Publisher, info.name, host)
	s.Title = cleanTitle(s.Title)
	s.origin = info.origin
	if s.Date == "" {
		s.Date = sourceDate(r["source_title"], s.URL)
	}
	return s
}

// article returns the wikipedia.org article of a URL: the URL itself, or
// the original of a mapped copy; "" when neither is a Wikipedia article.
func (b *sourceBook) article(raw string) string {
	if o, ok := b.originals[raw]; ok {
		raw = o.url
	}
	if _, ok := wikipediaLanguage(hostOf(raw)); ok {
		return strings.Replace(raw, ".m.wikipedia.org", ".wikipedia.org", 1)
	}
	return ""
}

// lookup finds a host or its parent domain in publishers.csv.
func (b *sourceBook) lookup(host string) publisherInfo {
	for h := host; h != ""; {
		if p, ok := b.publishers[h]; ok {
			return p
		}
		_, rest, found := strings.Cut(h, ".")
		if !found || !strings.Contains(rest, ".") {
			break
		}
		h = rest
	}
	return publisherInfo{}
}

// hostOf is a URL's host without "www." and a trailing dot.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(strings.TrimPrefix(u.Hostname(), "www."), ".")
}

// wikipediaLanguages names the language editions the sources cite.
var wikipediaLanguages = map[string]string{
	"en": "English", "ru": "Russian", "az": "Azerbaijani", "hy": "Armenian", "fr": "French",
	"it": "Italian", "de": "German", "fa": "Persian", "ka": "Georgian", "tr": "Turkish",
}

// wikipediaLanguage names the edition of a wikipedia.org host.
func wikipediaLanguage(host string) (string, bool) {
	lang, rest, _ := strings.Cut(host, ".")
	if rest != "wikipedia.org" && rest != "m.wikipedia.org" {
		return "", false
	}
	if name, ok := wikipediaLanguages[lang]; ok {
		return name, true
	}
	return lang, true
}

// copyNote matches what collectors appended to a title about where they read it.
var copyNote = regexp.MustCompile(`\s*[-–—]\s*(Wikipedia|Vikipediya|Wikipédia|Википедия)\b.*$|\s*\([^()]*(mirror|copy|Kiwix|machine)[^()]*\)`)

// cleanTitle drops " - Wikipedia (mirror …)" and similar collector notes.
func cleanTitle(t string) string {
	return strings.TrimSpace(copyNote.ReplaceAllString(t, ""))
}

// firstNonEmpty returns the first non-empty string.
func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

var (
	titleDate = regexp.MustCompile(`\b(\d{4}-\d{2}-\d{2})\)`)
	urlDate   = regexp.MustCompile(`/(\d{4})/(\d{2})/(\d{2})/`)
)

// sourceDate is the publication date the title states ("(Azernews,
// 2020-10-04)") or the URL path carries (/2020/11/20/); "" when unknown.
func sourceDate(title, raw string) string {
	if m := titleDate.FindStringSubmatch(title); m != nil {
		return m[1]
	}
	if m := urlDate.FindStringSubmatch(raw); m != nil {
		return m[1] + "-" + m[2] + "-" + m[3]
	}
	return ""
}

// naturalEarthSource credits the 1994 ceasefire area.
var naturalEarthSource = source{
	Title:     "Admin 0 – Breakaway and disputed areas: Nagorno-Karabakh (1994 ceasefire area)",
	Publisher: "Natural Earth",
	URL:       "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/",
	origin:    "international",
}
