// Run with: node --test web/static/js/test/
import test from 'node:test';
import assert from 'node:assert/strict';
import { formatWritten, precisionOf, splitInterval } from '../dates.js';

test('formatWritten: single dates in their precision, intervals in words', () => {
  const cases = [
    ['1992', null, '1992'],
    ['1992-05', null, 'May 1992'],
    ['1992-09-04', 'day', '4 September 1992'],
    ['2020-09-27/2020-11-10', 'day', 'between 27 September and 10 November 2020'],
    ['1992-06/1992-07', 'month', 'between June and July 1992'],
    ['1991-12-30/1992-01-02', 'day', 'between 30 December 1991 and 2 January 1992'],
    ['1992/1994-05-12', 'day', 'between 1992 and 12 May 1994'],
    ['1992/1992-05', 'month', 'between 1992 and May 1992'],
    ['../1994-05-12', 'day', 'on or before 12 May 1994'],
    ['../1994', 'year', 'on or before 1994'],
    ['', null, ''],
  ];
  for (const [written, precision, want] of cases) {
    assert.equal(formatWritten(written, precision, 'en-GB'), want, written);
  }
});

test('precisionOf an interval is that of its end', () => {
  assert.equal(precisionOf('2020-09/2020-11-10'), 'day');
  assert.equal(precisionOf('../1994-05'), 'month');
  assert.equal(precisionOf('1992'), 'year');
});

test('splitInterval', () => {
  assert.deepEqual(splitInterval('2020-09-27/2020-11-10'), { start: '2020-09-27', end: '2020-11-10' });
  assert.deepEqual(splitInterval('../1994'), { start: '..', end: '1994' });
  assert.deepEqual(splitInterval('1994'), { start: null, end: '1994' });
});
