// Day numbers (days since 1970-01-01, UTC) and written dates with precision, single or EDTF
// intervals ("2020-09-27/2020-11-10", "../1994-05-12").

import { t } from './i18n.js';

export const OPEN_START = -2147483648;
export const OPEN_END = 2147483647;
const MS_PER_DAY = 86400000;

export function isoToDay(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  const day = t / MS_PER_DAY;
  return dayToISO(day) === iso ? day : null;
}

export function dayToISO(day) {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

// precisionOf tells the precision of a written date: "1992", "1992-05" or "1992-09-04" (of
// the end, for an interval).
export function precisionOf(written) {
  written = splitInterval(written).end;
  if (/^\d{4}$/.test(written)) return 'year';
  if (/^\d{4}-\d{2}$/.test(written)) return 'month';
  return 'day';
}

const formats = {
  year: { year: 'numeric', timeZone: 'UTC' },
  month: { year: 'numeric', month: 'long', timeZone: 'UTC' },
  day: { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' },
};

// Without the year, for the start of an interval that ends in the same year.
const sameYear = {
  year: null,
  month: { month: 'long', timeZone: 'UTC' },
  day: { month: 'long', day: 'numeric', timeZone: 'UTC' },
};

// splitInterval reads an EDTF interval "A/B" or "../B" into its ends; a single date is its own
// end, with start null. start is ".." for "on or before".
export function splitInterval(written) {
  const i = (written || '').indexOf('/');
  if (i < 0) return { start: null, end: written || '' };
  return { start: written.slice(0, i), end: written.slice(i + 1) };
}

// formatWritten shows a written date in its own precision: "1992", "May 1992", "4 September 1992",
// "between 27 September and 10 November 2020", "on or before 12 May 1994".
export function formatWritten(written, precision, locale) {
  if (!written) return '';
  const { start, end } = splitInterval(written);
  if (start === '..') return t('date.onOrBefore', { date: formatSingle(end, null, locale) });
  if (start !== null) return formatBetween(start, end, locale);
  return formatSingle(written, precision, locale);
}

// formatBetween shows an interval, leaving out the start's year when both ends share it.
function formatBetween(start, end, locale) {
  const ps = precisionOf(start);
  const short = ps !== 'year' && start.slice(0, 4) === end.slice(0, 4) && sameYear[ps];
  const from = short ? formatParts(start, short, locale) : formatSingle(start, ps, locale);
  return t('date.between', { from, to: formatSingle(end, null, locale) });
}

function formatSingle(written, precision, locale) {
  const p = normalizePrecision(precision) || precisionOf(written);
  return formatParts(written, formats[p], locale);
}

function formatParts(written, format, locale) {
  const [y, m = '01', d = '01'] = written.split('-');
  const date = new Date(Date.UTC(+y, +m - 1, +d));
  if (Number.isNaN(date.getTime())) return written;
  return formatter(locale, format).format(date);
}

// formatter is the Intl.DateTimeFormat of locale and format, made once (making one costs far
// more than formatting: the changes list formats hundreds of dates).
const formatters = new Map(); // format (one of this file's) → locale → formatter
function formatter(locale, format) {
  let byLocale = formatters.get(format);
  if (!byLocale) formatters.set(format, (byLocale = new Map()));
  let f = byLocale.get(locale);
  if (!f) byLocale.set(locale, (f = new Intl.DateTimeFormat(locale, format)));
  return f;
}

export function formatDay(day, locale) {
  return formatWritten(dayToISO(day), 'day', locale);
}

function normalizePrecision(p) {
  if (!p) return null;
  if (p === 'y' || p === 'year') return 'year';
  if (p === 'm' || p === 'month') return 'month';
  if (p === 'd' || p === 'day') return 'day';
  return null;
}

export function clamp(v, lo, hi) {
  return Math.min(hi, Math.max(lo, v));
}
