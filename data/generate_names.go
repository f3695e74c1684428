package data

import "github.com/controlmap/controlmap/geo"

// The vocabulary of generated datasets: the seed's actors, the district names of the region,
// name parts in four scripts, and fictitious publishers on example domains.

var genActors = []geo.Actor{
	{ID: "armenian-forces", Names: geo.Names{En: "Armenian/Artsakh forces", Az: "Erməni/Artsax qüvvələri", Hy: "Հայկական/արցախյան ուժեր", Ru: "Армянские/арцахские силы"}, Color: "#D55E00"},
	{ID: "azerbaijan", Names: geo.Names{En: "Azerbaijan", Az: "Azərbaycan", Hy: "Ադրբեջան", Ru: "Азербайджан"}, Color: "#0072B2"},
	{ID: "russian-peacekeepers", Names: geo.Names{En: "Russian peacekeeping contingent", Az: "Rusiya sülhməramlı kontingenti", Hy: "Ռուսական խաղաղապահ զորակազմ", Ru: "Российский миротворческий контингент"}, Color: "#009E73"},
}

var genDistricts = []string{"Aghdam", "Fuzuli", "Jabrayil", "Kalbajar", "Lachin", "Gubadli", "Zangilan",
	"Khojavend", "Khojaly", "Shusha", "Tartar", "Khankendi"}

// syllable is one part of a name: English (ASCII, also the slug), Azerbaijani, Armenian, Russian.
type syllable struct{ en, az, hy, ru string }

var genSyllables = []syllable{
	{"ba", "ba", "բա", "ба"}, {"ga", "qa", "գա", "га"}, {"da", "da", "դա", "да"}, {"ka", "ka", "կա", "ка"},
	{"la", "la", "լա", "ла"}, {"ma", "ma", "մա", "ма"}, {"na", "na", "նա", "на"}, {"ra", "ra", "րա", "ра"},
	{"sa", "sa", "սա", "са"}, {"ta", "ta", "տա", "та"}, {"za", "za", "զա", "за"}, {"sha", "şa", "շա", "ша"},
	{"cha", "ça", "չա", "ча"}, {"gu", "qu", "գու", "гу"}, {"mar", "mar", "մար", "мар"}, {"ker", "kər", "քեր", "кер"},
	{"dash", "daş", "դաշ", "даш"}, {"tal", "tal", "թալ", "тал"}, {"bey", "bəy", "բեյ", "бей"}, {"hov", "hov", "հով", "хов"},
	{"agh", "ağ", "աղ", "аг"}, {"kar", "qar", "ղար", "кар"}, {"ter", "tər", "տեր", "тер"}, {"nor", "nor", "նոր", "нор"},
	{"ali", "əli", "ալի", "али"}, {"zan", "zan", "զան", "зан"}, {"vag", "vağ", "վաղ", "ваг"}, {"gul", "gül", "գյուլ", "гюль"},
}

var genSuffixes = []syllable{
	{"li", "lı", "լու", "лы"}, {"kend", "kənd", "քենդ", "кенд"}, {"abad", "abad", "աբադ", "абад"}, {"van", "van", "վան", "ван"},
	{"beyli", "bəyli", "բեյլի", "бейли"}, {"shen", "şen", "շեն", "шен"}, {"dzor", "dzor", "ձոր", "дзор"},
	{"aghaj", "ağac", "աղաջ", "агадж"}, {"yurd", "yurd", "յուրդ", "юрд"}, {"", "", "", ""},
}

type publisher struct{ name, title, host string }

var genPublishers = []publisher{
	{"Synthetic Wire", "Wire report", "wire.example.org"},
	{"Generated Gazette", "Gazette", "gazette.example.org"},
	{"Example Monitor", "Monitoring note", "monitor.example.net"},
	{"Sample Bulletin", "Bulletin", "bulletin.example.com"},
	{"Test Archive", "Archive entry", "archive.example.org"},
}
