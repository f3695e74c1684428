#!/usr/bin/env bash
# vendor-maplibre.sh refreshes the vendored MapLibre GL JS in web/static/vendor/maplibre-gl/
# from the npm registry (npm pack), at the pinned version below or the one given as $1.
#
# MapLibre 6 ships ES modules only: the page imports maplibre-gl.mjs, which starts its
# workers from maplibre-gl-worker.mjs beside it (same origin, so CSP needs no blob:).
set -euo pipefail

VERSION="${1:-6.17.0}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/web/static/vendor/maplibre-gl"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

(cd "$WORK" && npm pack --silent "maplibre-gl@$VERSION" >/dev/null)
tar -xzf "$WORK"/maplibre-gl-*.tgz -C "$WORK"

rm -rf "$DEST"
mkdir -p "$DEST"
for f in maplibre-gl.mjs maplibre-gl-worker.mjs maplibre-gl.css; do
	cp "$WORK/package/dist/$f" "$DEST/$f"
done
# Source maps point at files we do not ship; drop the comment so browsers do not ask for them.
sed -i '/^\/\/# sourceMappingURL=/d' "$DEST"/*.mjs
cp "$WORK/package/LICENSE.txt" "$DEST/LICENSE.txt"
echo "$VERSION" >"$DEST/VERSION"
echo "maplibre-gl $VERSION vendored into ${DEST#"$ROOT"/}"
