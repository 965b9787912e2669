#!/usr/bin/env bash
# Builds FerretDB v1.24.2 (our local MongoDB) from the Go module proxy into .data/bin/ferretdb.
# A plain `go install …@v1.24.2` is not enough: the proxy's version list is refused here, and the
# module zip lacks build/version/version.txt, without which the binary panics at start.
set -euo pipefail

version=v1.24.2
root=$(cd "$(dirname "$0")/.." && pwd)
dest="${FERRETDB_INSTALL_DIR:-$root/.data/bin}"

# Version output is read into a variable: piping it into `grep -q`/`head` under pipefail can end in SIGPIPE (exit 141).
installed_version() { "$dest/ferretdb" --version 2>/dev/null || true; }
if [ -x "$dest/ferretdb" ] && grep -q "version: $version" <<<"$(installed_version)"; then
  echo "FerretDB $version already at $dest/ferretdb"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "Go is needed to build FerretDB: install Go 1.22+ (https://go.dev/doc/install), or set MONGODB_URI to a MongoDB you run yourself." >&2
  exit 1
fi

echo "Building FerretDB $version (about a minute on 2 cores)…"
module_dir=$(go mod download -json "github.com/FerretDB/FerretDB@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [ -z "$module_dir" ]; then
  echo "Could not download github.com/FerretDB/FerretDB@$version from the Go module proxy." >&2
  exit 1
fi
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cp -r "$module_dir/." "$work/"
chmod -R u+w "$work"
echo "$version" > "$work/build/version/version.txt"
mkdir -p "$dest"
(cd "$work" && CGO_ENABLED=0 go build -trimpath -o "$dest/ferretdb" ./cmd/ferretdb)
built=$(installed_version)
echo "Built ${built%%$'\n'*}"
