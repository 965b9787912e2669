#!/usr/bin/env bash
# Builds FerretDB v1.24.2 (our local MongoDB) from the Go module proxy into .data/bin/ferretdb.
# A plain `go install …@v1.24.2` is not enough: the proxy's version list is refused here, and the
# module zip lacks build/version/version.txt, without which the binary panics at start.
set -euo pipefail

version=v1.24.2
# Bump when the local patches below change, so an older build is replaced.
patch_level=1
root=$(cd "$(dirname "$0")/.." && pwd)
dest="${FERRETDB_INSTALL_DIR:-$root/.data/bin}"

# Version output is read into a variable: piping it into `grep -q`/`head` under pipefail can end in SIGPIPE (exit 141).
installed_version() { "$dest/ferretdb" --version 2>/dev/null || true; }
if [ -x "$dest/ferretdb" ] && grep -q "version: $version" <<<"$(installed_version)" &&
  [ "$(cat "$dest/ferretdb.patch-level" 2>/dev/null)" = "$patch_level" ]; then
  echo "FerretDB $version (local patches $patch_level) already at $dest/ferretdb"
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

# Two local patches to the SQLite backend, both about finding a document by _id (see docs/decisions.md):
# 1. Its queries compared `_ferretdb_sjson->'$._id'` while the _id index is on `_ferretdb_sjson->"_id"`;
#    SQLite uses an expression index only for the same expression, so every lookup by _id scanned the
#    table. The query now uses the indexed expression.
# 2. _id was used to narrow the rows only when it was the filter's one field; a conditional update
#    ({ _id, status, version }) scanned the table. It now narrows by _id whenever the filter has it; every
#    command still applies the whole filter to the rows it gets, so results are unchanged.
patch_file() {
  local file="$work/$1" from="$2" to="$3"
  grep -qF -- "$from" "$file" || { echo "FerretDB patch no longer applies to $1" >&2; exit 1; }
  FROM="$from" TO="$to" perl -pi -e 'BEGIN { ($from, $to) = @ENV{qw(FROM TO)} } s/\Q$from\E/$to/g' "$file"
}
patch_file internal/backends/sqlite/metadata/metadata.go "DefaultColumn + \"->'\$._id'\"" "DefaultColumn + \"->'_id'\""
patch_file internal/backends/sqlite/collection.go 'if params.Filter.Len() == 1 {' 'if params.Filter.Len() >= 1 {'
mkdir -p "$dest"
(cd "$work" && CGO_ENABLED=0 go build -trimpath -o "$dest/ferretdb" ./cmd/ferretdb)
echo "$patch_level" > "$dest/ferretdb.patch-level"
built=$(installed_version)
echo "Built ${built%%$'\n'*}"
