// Package geo is controlmap's domain: settlements, actors, dated changes of control with their
// sources, and the timeline logic that answers "who controlled this place on that day?".
//
// It depends on nothing but orb (and x/text's Unicode normalization, for name search and slugs), so the
// store, the tiles and the web server can all build on it.
//
// # Dates
//
// A Date carries the precision of its written form: "1992" (year), "1992-05" (month) or
// "1992-09-04" (day), from year 0001 on. It may also be an interval (EDTF level 1): "A/B", both
// ends of any precision and A not after B, or "../B" for "on or before B". "A/.." is refused: a
// change must have a latest day. A Date prints back to the text it was read from.
//
// A single date counts from its first day: a month-precision change from the 1st of that month,
// a year-precision change from 1 January. An interval counts from the last day of its end B, the
// latest day by which it had happened: "2020-09-27/2020-11-10" from 10 November 2020,
// "1992-06/1992-07" from 31 July 1992. Days are counted as Day, days since 1970-01-01.
//
// # Timeline
//
// The controller of a settlement on day D is the controller set by its newest change counting on
// or before D that is not retracted. Changes are ordered by the day they count from, then by
// precision (year, then month, then day, of the end for an interval: the more exact date is taken
// as the later event), then by the time they were recorded, then by id, so that the answer never
// depends on storage order. A retracted change stays in the history but never counts. A claimed
// or disputed change counts like a confirmed one, and its status is given with the answer. Before
// a settlement's first change its controller is unknown: the timeline never guesses.
//
// While an interval change is open (from the first day of A to the day before it counts), the
// settlement's control is changing: there is no controller, and the period names the previous
// controller (if known) and the incoming change. The changing span starts at A, or where the
// period in force began when that is later; for "../B" it starts where the period in force
// began, and when no change came before, the controller stays unknown until B counts. An
// interval naming the controller already in force opens no changing span.
//
// Two kinds are status events rather than changes of hands:
//
//   - A confirmation naming the controller in force sets the status to confirmed from its day.
//     The controller and the day it has been in control since (Period.Since) do not change, and
//     it is no difference between two dates. A confirmation naming another controller (or
//     coming when none is known) is a change of control with its own status.
//   - A counter-claim never changes the controller. When it names another side than the
//     controller in force, that side denies the claim: the period is disputed from its day
//     (Since unchanged) and Period.DisputedBy names the side. Otherwise it is only history.
//
// A status event splits the period in force, so From moves while Since stays put.
//
// The Index keeps, per settlement, the sorted control periods derived from its changes, so a
// snapshot of every settlement on a date is one binary search per settlement, never a scan of all
// changes. It is compact, to hold a million changes in a few hundred megabytes: a settlement has
// a number (its place in a slice), its changes are records of 40 bytes without a pointer
// (actor, kind and status interned as 16-bit words, the id a place in one array of every id,
// the retraction a number), so the garbage collector never scans them, and its periods are
// structs of 24 bytes; Entry.Changes,
// Entry.Timeline and Entry.At build the full values on demand. Notes and sources stay in the
// database when the index has a DetailsFunc (the store sets one): FillDetails and FillSources
// read them for the changes an answer shows. A write rebuilds the entries of the settlements it
// touches (copy on write) and costs O(log n) plus their changes; the table of change ids and
// the date order are built when first asked for.
package geo
