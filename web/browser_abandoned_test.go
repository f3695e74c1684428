package web

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"math"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// abandonedDisagree lists the settlements drawn in view whose abandoned tile property differs
// from the API's, and fails when the view has no place of either kind.
const abandonedDisagree = `(async () => {
  const m = controlmap.map, b = m.getBounds();
  const res = await fetch('/api/collections/settlements/items?limit=10000&bbox=' + [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].join(','));
  const api = new Map((await res.json()).features.map((f) => [f.id, f.properties.abandoned === true]));
  const drawn = m.queryRenderedFeatures({layers: ['cm-settlements']}).filter((f) => api.has(f.properties.sid)); // inside the bounds
  const kinds = new Set(drawn.map((f) => api.get(f.properties.sid)));
  const wrong = drawn.filter((f) => api.get(f.properties.sid) !== (f.properties.abandoned === true)).map((f) => f.properties.sid);
  return kinds.has(true) && kinds.has(false) ? wrong : ['the view lacks abandoned or inhabited places: ' + [...kinds]];
})()`

// TestBrowserAbandonedPlaces: an abandoned place of the seed (muganli-zangilan, GeoNames PPLQ)
// comes from the tiles with abandoned=true and is drawn with a grey ring, and the legend
// explains the symbol.
func TestBrowserAbandonedPlaces(t *testing.T) {
	const lngLat = "[46.6542, 39.15946]"
	_, ctx, _ := openWatchedMap(t, "/?date=2024-01-02&center=46.6542,39.15946&zoom=12")
	if !eval[bool](t, ctx, `controlmap.map.queryRenderedFeatures({layers: ['cm-settlements']}).some(f => f.properties.sid === 'muganli-zangilan' && f.properties.abandoned === true)`) {
		t.Error("muganli-zangilan is not drawn with abandoned=true")
	}
	if wrong := eval[[]string](t, ctx, abandonedDisagree); len(wrong) > 0 {
		t.Errorf("drawn abandoned or not against the API's abandoned property: %v", wrong)
	}
	if n := ringPixels(t, ctx, lngLat, "#8a8a8a"); n < 8 {
		t.Errorf("%d grey ring pixels around muganli-zangilan, want 8 or more", n)
	}
	if legend := eval[string](t, ctx, `document.querySelector('#legend').textContent`); !strings.Contains(legend, "Abandoned place") {
		t.Errorf("legend %q has no abandoned place", legend)
	}
	screenshot(t, ctx, "abandoned-z12.png")
	assertNoPageErrors(t, ctx)
}

// ringPixels counts the pixels 4 to 7 px from the point at lngLat that are drawn in color
// (#rrggbb, each channel within 16 of it).
func ringPixels(t *testing.T, ctx context.Context, lngLat, color string) int {
	t.Helper()
	img, x0, y0 := screenAt(t, ctx, lngLat)
	var want [3]uint32
	if _, err := fmt.Sscanf(color, "#%02x%02x%02x", &want[0], &want[1], &want[2]); err != nil {
		t.Fatal(err)
	}
	n := 0
	for dy := -7; dy <= 7; dy++ {
		for dx := -7; dx <= 7; dx++ {
			if d := math.Hypot(float64(dx), float64(dy)); d < 4 || d > 7 {
				continue
			}
			r, g, b, _ := img.At(x0+dx, y0+dy).RGBA()
			if near(r>>8, want[0]) && near(g>>8, want[1]) && near(b>>8, want[2]) {
				n++
			}
		}
	}
	return n
}

func near(a, b uint32) bool { return a+16 >= b && b+16 >= a }

// screenAt takes a screenshot and returns it with the device pixel where the point at lngLat is.
func screenAt(t *testing.T, ctx context.Context, lngLat string) (img image.Image, x, y int) {
	t.Helper()
	type point struct{ X, Y, Ratio float64 }
	p := eval[point](t, ctx, `(() => { const m = controlmap.map, r = m.getCanvas().getBoundingClientRect(), p = m.project(`+lngLat+`);
		return {x: r.left + p.x, y: r.top + p.y, ratio: devicePixelRatio} })()`)
	b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	img, err = png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img, int(p.X * p.Ratio), int(p.Y * p.Ratio)
}
