// Small DOM helpers. Data is only ever inserted as text: there is no innerHTML anywhere.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function $(sel, root = document) {
  return root.querySelector(sel);
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

// safeHref returns url when it is an absolute http(s) URL, null otherwise.
export function safeHref(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

// placeName is a place in a list: its name, then a quieter line that tells it apart (the
// district; see places.js).
export function placeName(name, detail) {
  return el('span', { class: 'where' }, el('span', { class: 'place-name', text: name }),
    detail ? el('span', { class: 'place-detail', text: detail }) : null);
}

export function swatch(color, status) {
  const s = el('span', { class: `swatch ${status || 'confirmed'}`, 'aria-hidden': 'true' });
  s.style.setProperty('--c', color);
  return s;
}

export function debounce(fn, ms) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
