package main

// rulesText states the history rules for REPORT.md.
var rulesText = []string{
	"1. A settlement's own sourced facts (karabakh-control-facts.csv, karabakh-control-facts-2.csv, scripts/seed/inputs/facts-extra.csv) always win. A later source naming the controller already in force becomes a `confirmation` (the status becomes confirmed without changing \"controlled since\"); a source saying the other side still holds a place becomes a `counter-claim` (disputed); a confirmation of a long span (\"held 1991–2023\") with nothing before it is dated from the span's start.",
	"2. The first war, by geometry (orb/planar point-in-polygon; distance to the edge in km in a local equirectangular projection): a settlement inside Natural Earth's 1994 ceasefire area by more than 3 km takes its district's dated capture (the seven surrounding districts, outside the former oblast), else `../1994-05-12` (held on or before the ceasefire); one outside by more than 3 km is on the Azerbaijani side from 1994-05-12; within 3 km it stays unknown unless a fact says otherwise. Skipped where own facts date the first war.",
	"3. 2020: inside places of Aghdam, Kalbajar and Lachin (outside the former oblast) still held on 26 Sep 2020 and without a later own fact take the district handover (20 Nov, 25 Nov, 1 Dec 2020); in Fuzuli, Jabrayil, Zangilan and Gubadli they changed hands on an unknown day: `2020-09-27/2020-11-10`. In Khojavend, Khojaly, Shusha, Khankendi, Tartar (and the former-oblast parts of other districts) the Nov 2020 line is not in the data: see rule 4.",
	"4. 2023: a place still held on 18 Sep 2023 changes on 20 Sep 2023 (the offensive of 19–20 Sep and the agreement of 20 Sep) when a source shows it held after the 2020 war; otherwise on an unknown day `2020-09-27/2023-09-20` (whether in 2020 or 2023 is not in the data). Own day-exact 2023 captures win; own captures dated only \"2023-09\" are sources of the 20 Sep change; the 15 Oct 2023 flag-raisings are confirmations.",
	"5. A 2020 claim still in force and unconfirmed on 10 Nov 2020 is confirmed by the statement of that day, which fixed the front line.",
	"Dates that are not known to the day are EDTF intervals (`A/B`, `../B`); the timeline counts them from their latest day. No date or coordinate is guessed.",
}

// namingPolicy is the naming policy for REPORT.md.
var namingPolicy = []string{
	"Azerbaijani (az): the GeoNames name in the Azerbaijani Latin alphabet.",
	"Armenian (hy) and Russian (ru): the first GeoNames name (name or alternate name) written wholly in Armenian, or in the Russian alphabet; else the old seed's name in that script; else empty. Latin script is never put in hy or ru.",
	"English (en): where English-language media commonly use both the Armenian and the Azerbaijani name, both are shown, the form most used in English reporting first: Stepanakert / Khankendi, Martakert / Aghdara, Martuni / Khojavend, Shusha / Shushi, Lachin / Berdzor, Kalbajar / Karvachar, Sugovushan / Madagiz (Russian labels likewise). Other places keep the old seed's English name, or the Azerbaijani name without diacritics.",
	"Two places are called Ağdam: the district town (`aghdam`, GeoNames 148619) and a village of Khojavend district (Hakaku, GeoNames 148606). Several places are called Muğanlı, among them two in Zangilan-Gubadli on the Araz (the old seed's `mughanli` is İkinci Muğanlı); ids carry the district where a name repeats.",
	"Gülablı keeps the id `abdal-gulabli` and shows both names, \"Gulabli (Abdal-Gulabli)\"; Abdal, the other village of the Abdal-Gülablı municipality, is `abdal`.",
}
