import test from 'node:test';
import assert from 'node:assert/strict';
import { sourceLabel, uniqueSources, hostOf } from '../sources.js';

test('sourceLabel: Title — Publisher (date)', () => {
  const cases = [
    {
      src: { title: 'Azerbaijani soldiers help Armenian civilians evacuate', publisher: 'Anadolu Agency', url: 'https://www.aa.com.tr/en/x', published: '2020-11-24' },
      want: 'Azerbaijani soldiers help Armenian civilians evacuate — Anadolu Agency (24 November 2020)',
    },
    { src: { title: 'Gülablı', publisher: 'Wikipedia', url: 'https://en.wikipedia.org/wiki/G%C3%BClabl%C4%B1' }, want: 'Gülablı — Wikipedia' },
    { src: { title: 'Report', publisher: '', url: 'https://www.example.org/a', published: '2020-11' }, want: 'Report — example.org (November 2020)' },
    { src: { title: '', publisher: 'Reuters', url: 'https://www.reuters.com/a' }, want: 'reuters.com — Reuters' },
    { src: { title: '', publisher: '', url: 'https://www.reuters.com/a', published: '1993' }, want: 'reuters.com (1993)' },
    { src: { title: 'Printed book', publisher: 'Publisher', url: '' }, want: 'Printed book — Publisher' },
    { src: { title: '  Two\n lines ', publisher: 'Two lines', url: '' }, want: 'Two lines' },
  ];
  for (const c of cases) assert.equal(sourceLabel(c.src, 'en-GB'), c.want);
});

test('uniqueSources keeps the first of repeated sources, in order', () => {
  const a = { title: 'A', url: 'https://a.example/' };
  const b = { title: 'B', url: 'https://b.example/' };
  assert.deepEqual(uniqueSources([a, b, { ...a }, b]), [a, b]);
});

test('hostOf takes only http(s) URLs', () => {
  assert.equal(hostOf('https://www.armenews.com/spip.php?page=article'), 'armenews.com');
  assert.equal(hostOf('javascript:alert(1)'), '');
  assert.equal(hostOf('not a url'), '');
  assert.equal(hostOf(undefined), '');
});
