// The time slider: a native range input (keyboard and screen-reader friendly) over the
// dataset's days, with ticks at change dates, play/pause, previous/next change and a date field.

import { dayToISO, isoToDay, formatDay, clamp } from './dates.js';
import { el, $ } from './dom.js';
import { t, locale } from './i18n.js';

const SPEEDS = [
  { label: 'speed.week', days: 7 },
  { label: 'speed.month', days: 30 },
  { label: 'speed.halfYear', days: 182 },
  { label: 'speed.twoYears', days: 730 },
];

export class TimeSlider {
  // root holds the markup of slider.html's timeline; onChange(day) is called on every step.
  constructor(root, { min, max, changes, dateCounts, onChange, compact = false }) {
    this.root = root;
    this.min = min;
    this.max = max;
    this.changes = changes; // { prev(day), next(day) }
    this.onChange = onChange;
    this.range = $('.range', root);
    this.dateField = $('.date-field', root);
    this.label = $('.date-label', root);
    this.playBtn = $('.play', root);
    this.speed = $('.speed', root);
    this.day = max;
    this.playing = false;
    this.range.min = String(min);
    this.range.max = String(max);
    this.range.step = '1';
    if (this.dateField) { this.dateField.min = dayToISO(min); this.dateField.max = dayToISO(max); }
    this.drawTicks(dateCounts, compact);
    this.fillSpeeds();
    this.bind();
  }

  drawTicks(dateCounts, compact) {
    const ticks = $('.ticks', this.root);
    if (!ticks) return;
    const span = Math.max(1, this.max - this.min);
    const maxCount = Math.max(1, ...dateCounts.map((d) => d.count));
    for (const d of dateCounts) {
      if (d.day < this.min || d.day > this.max) continue;
      const tick = el('span', { class: 'tick' });
      tick.style.left = `${((d.day - this.min) / span) * 100}%`;
      tick.style.height = `${compact ? 40 : 30 + 70 * Math.sqrt(d.count / maxCount)}%`;
      ticks.append(tick);
    }
  }

  fillSpeeds() {
    if (!this.speed) return;
    SPEEDS.forEach((s, i) => this.speed.append(el('option', { value: String(i), text: t(s.label), selected: i === 1 })));
  }

  bind() {
    this.range.addEventListener('input', () => this.set(+this.range.value));
    this.range.addEventListener('keydown', (ev) => this.onKey(ev));
    this.dateField?.addEventListener('change', () => {
      const d = isoToDay(this.dateField.value);
      if (d !== null) this.set(d);
    });
    this.playBtn?.addEventListener('click', () => (this.playing ? this.pause() : this.play()));
    $('.prev', this.root)?.addEventListener('click', () => this.stepChange(-1));
    $('.next', this.root)?.addEventListener('click', () => this.stepChange(1));
  }

  onKey(ev) {
    if (ev.key === 'PageUp' || ev.key === 'PageDown') {
      ev.preventDefault();
      this.stepChange(ev.key === 'PageDown' ? 1 : -1);
    } else if (ev.key === ' ' && this.playBtn) {
      ev.preventDefault();
      this.playing ? this.pause() : this.play();
    }
  }

  // stepChange jumps to the previous (-1) or next (+1) change date.
  stepChange(dir) {
    const store = this.changes;
    const target = dir > 0 ? store.next(this.day) : store.prev(this.day);
    if (target !== null) this.set(target);
  }

  set(day, { silent = false } = {}) {
    day = clamp(Math.round(day), this.min, this.max);
    this.day = day;
    this.range.value = String(day);
    const text = formatDay(day, locale());
    this.range.setAttribute('aria-valuetext', text);
    if (this.label) this.label.textContent = text;
    if (this.dateField && document.activeElement !== this.dateField) this.dateField.value = dayToISO(day);
    if (!silent) this.onChange(day);
  }

  play() {
    if (this.day >= this.max) this.set(this.min);
    this.playing = true;
    this.playBtn.setAttribute('aria-pressed', 'true');
    this.playBtn.setAttribute('aria-label', t('pause'));
    this.playBtn.textContent = '❚❚';
    let last = performance.now();
    let carry = 0;
    const tick = (now) => {
      if (!this.playing) return;
      carry += ((now - last) / 1000) * SPEEDS[+this.speed.value || 0].days;
      last = now;
      const whole = Math.floor(carry);
      if (whole >= 1) { carry -= whole; this.set(this.day + whole); }
      if (this.day >= this.max) { this.pause(); return; }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }

  pause() {
    this.playing = false;
    this.playBtn.setAttribute('aria-pressed', 'false');
    this.playBtn.setAttribute('aria-label', t('play'));
    this.playBtn.textContent = '▶';
  }
}
