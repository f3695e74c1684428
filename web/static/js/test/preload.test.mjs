// Run with: node --test web/static/js/test/
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const js = new URL('../', import.meta.url);
const templates = new URL('../../templates/', import.meta.url);

// imports lists the modules a module imports statically, as asset paths ("js/map.js").
function imports(asset) {
  if (!asset.startsWith('js/')) return [];
  const src = readFileSync(new URL(asset.slice(3), js), 'utf8');
  return [...src.matchAll(/^import [^'"]*['"]([^'"]+)['"];/gm)].map((m) => {
    const spec = m[1];
    if (spec.startsWith('./')) return 'js/' + spec.slice(2);
    if (spec.startsWith('/static/')) return spec.slice('/static/'.length);
    throw new Error(`${asset}: import of ${spec}`);
  });
}

// graph is every module reached from entry, entry left out.
function graph(entry) {
  const seen = new Set([entry]);
  const todo = [entry];
  while (todo.length) for (const d of imports(todo.pop())) if (!seen.has(d)) { seen.add(d); todo.push(d); }
  seen.delete(entry);
  return [...seen].sort();
}

test('each page preloads every module it imports, and nothing else', () => {
  for (const [page, entry] of [['index.html', 'js/app.js'], ['embed.html', 'js/embed.js']]) {
    const html = readFileSync(new URL(page, templates), 'utf8');
    const preloaded = [...html.matchAll(/<link rel="modulepreload" href="\{\{asset "([^"]+)"\}\}">/g)].map((m) => m[1]).sort();
    assert.deepEqual(preloaded, graph(entry), page);
  }
});
