// Run with: node --test web/static/js/test/
import test from 'node:test';
import assert from 'node:assert/strict';
import { PlaceNames, formatCoords } from '../places.js';

const place = (sid, district, names, coords = [46.9, 39.9]) => ({
  sid, coords, props: { sid, district, name: names.en, ...Object.fromEntries(Object.entries(names).map(([l, n]) => [`name_${l}`, n])) },
});

const places = new PlaceNames([
  place('aghdam', 'Aghdam', { en: 'Aghdam', ru: 'Агдам' }),
  place('aghdam-khojavend', 'Khojavend', { en: 'Aghdam', ru: 'Агдам' }),
  place('mollalar', 'Aghdam', { en: 'Mollalar', ru: 'Моллалар' }),
  place('mollalar-boyahmadli', 'Aghdam', { en: 'Mollalar (Boyahmadli)', ru: 'Моллалар' }),
  place('abdal-1', 'Lachin', { en: 'Abdal' }, [46.2012, 39.6549]),
  place('abdal-2', 'Lachin', { en: 'Abdal' }, [46.3, 39.7]),
  place('nodistrict', '', { en: 'Nowhere' }),
]);

test('detail: district of each place, and what tells apart those of one name in one district', () => {
  const cases = [
    { sid: 'aghdam', lang: 'en', want: 'Aghdam district' },
    { sid: 'aghdam-khojavend', lang: 'en', want: 'Khojavend district' },
    { sid: 'mollalar', lang: 'en', want: 'Aghdam district' },
    { sid: 'mollalar', lang: 'ru', want: 'Aghdam district · Mollalar' },
    { sid: 'mollalar-boyahmadli', lang: 'ru', want: 'Aghdam district · Mollalar (Boyahmadli)' },
    { sid: 'abdal-1', lang: 'en', want: 'Lachin district · 39.65° N, 46.20° E' },
    { sid: 'abdal-2', lang: 'az', want: 'Lachin district · 39.70° N, 46.30° E' }, // no az name: the default name is shown
    { sid: 'nodistrict', lang: 'en', want: '' },
    { sid: 'missing', lang: 'en', want: '' },
  ];
  for (const c of cases) assert.equal(places.detail(c.sid, c.lang), c.want, `${c.sid} in ${c.lang}`);
});

test('tellApart is empty for a name unique in its district', () => {
  assert.equal(places.tellApart('aghdam', 'en'), '');
  assert.equal(places.tellApart('aghdam', 'ru'), '');
  assert.equal(places.tellApart('mollalar', 'en'), '');
});

test('names differing only in case are the same to a reader', () => {
  const p = new PlaceNames([place('a', 'Fuzuli', { en: 'Ashagi Veysalli' }), place('b', 'Fuzuli', { en: 'Ashagi veysalli' })]);
  assert.notEqual(p.tellApart('a', 'en'), '');
});

test('formatCoords writes hemispheres', () => {
  assert.equal(formatCoords([46.947222, 39.880833]), '39.88° N, 46.95° E');
  assert.equal(formatCoords([-0.5, -10.25]), '10.25° S, 0.50° W');
  assert.equal(formatCoords(undefined), '');
});
