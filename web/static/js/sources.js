// A source as a reader sees it: "Title — Publisher (date)", linked to its URL. Missing parts
// are left out; a source without a title or a publisher is named by its URL's host.

import { formatWritten } from './dates.js';

// sourceLabel writes src ({title, publisher, url, published}) for a reader in locale.
export function sourceLabel(src, locale) {
  const host = hostOf(src.url);
  const title = clean(src.title) || host || clean(src.url);
  const publisher = clean(src.publisher) || (title === host ? '' : host);
  const when = src.published ? formatWritten(src.published, null, locale) : '';
  const text = publisher && publisher !== title ? `${title} — ${publisher}` : title;
  return when ? `${text} (${when})` : text;
}

// uniqueSources drops repeated sources of one change (the same URL and title).
export function uniqueSources(list) {
  const seen = new Set();
  return list.filter((s) => {
    const k = `${s.url || ''}\u0000${s.title || ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// hostOf is the host of an http(s) URL without "www.", or ''.
export function hostOf(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname.replace(/^www\./, '') : '';
  } catch {
    return '';
  }
}

function clean(s) {
  return String(s || '').replace(/\s+/g, ' ').trim();
}
