// The "Embed" dialog: iframe HTML for the current view, with size presets, a responsive
// option and a copy button.

import { t } from './i18n.js';

const PRESETS = { small: [480, 360], medium: [720, 540], large: [960, 640] };

// iframeHTML builds the snippet; src is an absolute URL built by URL/URLSearchParams.
export function iframeHTML(src, { width, height, responsive }) {
  const attr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const frame = (style, size) =>
    `<iframe src="${attr(src)}"${size} style="${style}" title="controlmap" loading="lazy" allowfullscreen></iframe>`;
  if (!responsive) return frame('border:0', ` width="${width}" height="${height}"`);
  const ratio = ((height / width) * 100).toFixed(2);
  return `<div style="position:relative;width:100%;padding-top:${ratio}%">` +
    frame('position:absolute;top:0;left:0;width:100%;height:100%;border:0', '') + '</div>';
}

export class EmbedDialog {
  // params() returns the URLSearchParams of the current view.
  constructor(dialog, params) {
    this.dialog = dialog;
    this.params = params;
    this.form = dialog.querySelector('form');
    this.code = dialog.querySelector('.embed-code');
    this.status = dialog.querySelector('.embed-status');
    this.form.addEventListener('change', () => this.render());
    dialog.querySelector('.copy').addEventListener('click', () => this.copy());
    dialog.querySelector('.close').addEventListener('click', () => dialog.close());
  }

  open() {
    this.render();
    this.dialog.showModal();
  }

  src() {
    const q = this.params();
    if (!this.form.elements.slider.checked) q.set('controls', 'none');
    return `${location.origin}/embed?${q.toString()}`;
  }

  render() {
    const [width, height] = PRESETS[this.form.elements.size.value] || PRESETS.medium;
    this.code.value = iframeHTML(this.src(), { width, height, responsive: this.form.elements.responsive.checked });
    this.status.textContent = '';
  }

  async copy() {
    try {
      await navigator.clipboard.writeText(this.code.value);
    } catch {
      this.code.select();
      document.execCommand('copy');
    }
    this.status.textContent = t('copied');
  }
}
