package main

// gulabliRows are two sources of the Gülablı (Vazgenashen) handover found
// outside the facts files: the armenews.com article the facts note names, and
// the Anadolu Agency report, whose A News copy under the agency's byline is
// the only address of it in the stored corpus.
var gulabliRows = []record{
	{
		"#file": "scripts/seed/gulabli.go", "#line": "1", "geonames_id": "148018",
		"settlement": "Gülablı", "district": "Aghdam", "date": "2020-11-20",
		"from": "Armenian/Artsakh forces", "to": "Azerbaijan", "kind": "handover", "status": "confirmed",
		"source_title": "Vazgenashen passed to Azerbaijan on 20 November (armenews.com, article 72349)",
		"source_url":   "https://www.armenews.com/spip.php?page=article&id_article=72349",
	},
	{
		"#file": "scripts/seed/gulabli.go", "#line": "2", "geonames_id": "148018",
		"settlement": "Gülablı", "district": "Aghdam", "date": "2020-11-20",
		"from": "Armenian/Artsakh forces", "to": "Azerbaijan", "kind": "handover", "status": "confirmed",
		"source_title": "Azerbaijani soldiers help Armenian civilians evacuate", "source_publisher": "Anadolu Agency",
		"source_url":  "https://anews.com.tr/world/2020/11/24/azerbaijani-soldiers-help-armenian-civilians-evacuate/amp",
		"source_date": "2020-11-24",
	},
}
