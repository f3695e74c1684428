-- Interval dates (EDTF level 1: "2020-09-27/2020-11-10", "../1994-05-12"). date keeps the EDTF
-- text, which is what the store reads back. day is now the day a change counts from: the first
-- day of a single date (as before), the last day of an interval's end. precision is that of the
-- date, or of an interval's end. earliest_day is the first day the date may refer to: day for a
-- single date, the first day of the start of "A/B", NULL for "../B".
ALTER TABLE changes ADD COLUMN earliest_day INTEGER;
UPDATE changes SET earliest_day = day;
