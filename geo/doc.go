// Package geo is controlmap's domain: settlements, actors, dated changes of control with their
// sources, and the timeline logic that answers "who controlled this place on that day?".
//
// It depends on nothing but orb (and x/text's Unicode normalization, for name search), so the
// store, the tiles and the web server can all build on it.
//
// # Dates
//
// A Date carries the precision of its written form: "1992" (year), "1992-05" (month) or
// "1992-09-04" (day). A change applies from the first day of its date: a month-precision change
// from the 1st of that month, a year-precision change from 1 January. Days are counted as Day,
// days since 1970-01-01.
//
// # Timeline
//
// The controller of a settlement on day D is the controller set by its newest change dated on or
// before D that is not retracted. Changes that start on the same day are ordered by precision
// (year, then month, then day: the more exact date is taken as the later event), then by the time
// they were recorded, then by id, so that the answer never depends on storage order. A retracted
// change stays in the history but never counts. A claimed or disputed change counts like a
// confirmed one, and its status is given with the answer. Before a settlement's first change its
// controller is unknown: the timeline never guesses.
//
// The Index keeps, per settlement, the sorted control periods derived from its changes, so a
// snapshot of every settlement on a date is one binary search per settlement, never a scan of all
// changes. It is rebuilt per settlement on every write.
package geo
