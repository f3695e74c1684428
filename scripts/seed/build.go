package main

// actors are the three controllers, coloured from the Okabe–Ito palette,
// which stays distinguishable under the common colour-vision deficiencies.
var actors = []actor{
	{armenian, "Armenian/Artsakh forces", "Erməni/Artsax qüvvələri", "Հայկական/արցախյան ուժեր", "Армянские/арцахские силы", "#D55E00"},
	{azerbaijan, "Azerbaijan", "Azərbaycan", "Ադրբեջան", "Азербайджан", "#0072B2"},
	{russian, "Russian peacekeeping contingent", "Rusiya sülhməramlı kontingenti", "Ռուսական խաղաղապահ զորակազմ", "Российский миротворческий контингент", "#009E73"},
}

// build makes the seed from the inputs: settlements first, then the changes
// the facts rows state, their extra sources, and the district events.
func build(in *inputs) (*seed, error) {
	rep := newReport()
	ss, keys, err := buildSettlements(in, rep)
	if err != nil {
		return nil, err
	}
	cs := newChangeSet()
	district, err := factChanges(in, keys, cs, rep)
	if err != nil {
		return nil, err
	}
	if err := addExtraSources(cs); err != nil {
		return nil, err
	}
	if err := applyDistrictEvents(district, ss, cs, rep); err != nil {
		return nil, err
	}
	return &seed{Actors: actors, Settlements: ss, Changes: cs.list(), Report: rep}, nil
}
