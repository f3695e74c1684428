// Place names in lists. A name alone can be ambiguous (the city of Aghdam and the village of
// Aghdam in Khojavend district), so every list names a place with its district as a second,
// quieter line. Where two places of one district still read the same in the language shown,
// the default name tells them apart when it differs, else the coordinates.

import { nameIn, t } from './i18n.js';

export class PlaceNames {
  // settlements: the store's settlements, {sid, props, coords}.
  // A Map (the store's own) is followed as it grows: the counts are rebuilt when its size changes.
  constructor(settlements) {
    if (settlements instanceof Map) this.bySID = settlements;
    else {
      this.bySID = new Map();
      for (const s of settlements) this.bySID.set(s.sid, s);
    }
    this.counts = new Map(); // lang → Map(name + district → count), built on first use
    this.countedSize = this.bySID.size;
  }

  // detail is the second line of place sid in lang: its district and, when the name and the
  // district are shared, what tells the place apart.
  detail(sid, lang) {
    const s = this.bySID.get(sid);
    if (!s) return '';
    const district = s.props.district ? t('place.district', { name: s.props.district }) : '';
    return [district, this.tellApart(sid, lang)].filter(Boolean).join(' · ');
  }

  // tellApart names what, beside its district, tells place sid from another of the same name
  // and district in lang: its default name when it differs, else its coordinates; '' when
  // the name is unique in its district.
  tellApart(sid, lang) {
    const s = this.bySID.get(sid);
    if (!s || this.countsIn(lang).get(key(s.props, lang)) < 2) return '';
    const shown = nameIn(s.props, lang);
    return s.props.name && s.props.name !== shown ? s.props.name : formatCoords(s.coords);
  }

  countsIn(lang) {
    if (this.countedSize !== this.bySID.size) { this.counts.clear(); this.countedSize = this.bySID.size; }
    let m = this.counts.get(lang);
    if (m) return m;
    m = new Map();
    for (const s of this.bySID.values()) {
      const k = key(s.props, lang);
      m.set(k, (m.get(k) || 0) + 1);
    }
    this.counts.set(lang, m);
    return m;
  }
}

function key(props, lang) {
  return `${nameIn(props, lang).toLowerCase()}\u0000${props.district || ''}`;
}

// formatCoords writes a point as "39.88° N, 46.95° E" (two decimals: about a kilometre).
export function formatCoords(coords) {
  if (!coords) return '';
  const [lon, lat] = coords;
  return `${Math.abs(lat).toFixed(2)}° ${lat < 0 ? 'S' : 'N'}, ${Math.abs(lon).toFixed(2)}° ${lon < 0 ? 'W' : 'E'}`;
}
