// Day numbers (days since 1970-01-01, UTC) and written dates with precision.

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

// precisionOf tells the precision of a written date: "1992", "1992-05" or "1992-09-04".
export function precisionOf(written) {
  if (/^\d{4}$/.test(written)) return 'year';
  if (/^\d{4}-\d{2}$/.test(written)) return 'month';
  return 'day';
}

const formats = {
  year: { year: 'numeric', timeZone: 'UTC' },
  month: { year: 'numeric', month: 'long', timeZone: 'UTC' },
  day: { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' },
};

// formatWritten shows a written date in its own precision: "1992", "May 1992", "4 September 1992".
export function formatWritten(written, precision, locale) {
  if (!written) return '';
  const p = normalizePrecision(precision) || precisionOf(written);
  const [y, m = '01', d = '01'] = written.split('-');
  const date = new Date(Date.UTC(+y, +m - 1, +d));
  if (Number.isNaN(date.getTime())) return written;
  return new Intl.DateTimeFormat(locale, formats[p]).format(date);
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
