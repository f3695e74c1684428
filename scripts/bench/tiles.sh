#!/usr/bin/env bash
# Measures settlement tile encoding on 100,000 generated settlements: time, bytes per tile and
# tiles per second at zooms 6, 10 and 14, then the size of the densest tile of every zoom.
set -euo pipefail
cd "$(dirname "$0")/../.."
go test -run '^$' -bench 'BenchmarkEncode' -benchmem ./tiles/
go test -run 'TestTileSizeCeiling' -v ./tiles/ | grep -E 'bytes|ok|FAIL'
