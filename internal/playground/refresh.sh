#!/usr/bin/env bash
# Fetches the pinned GraphiQL, React and ReactDOM builds from the npm registry
# into assets/vendor/, the directory the playground embeds, and records what
# it fetched in assets/vendor/VERSIONS. Run it after changing a pin below and
# commit what it writes. Needs bash, curl, tar and coreutils (no Node).
#
# To move to another version: change the version, run the script once; it
# stops with the registry's integrity of the new tarball, which you check
# (npm view NAME@VERSION dist.integrity) and paste into the pin.
set -euo pipefail
cd "$(dirname "$0")"

registry=${NPM_REGISTRY:-https://registry.npmjs.org}

# name version integrity (the tarball's sha512, as npm publishes it)
pins=(
  "graphiql 3.9.0 sha512-rJYFlHdBbug9+YbFSwRVvgfPjCayC7wHecZkx/qB4XLuQPFQZw/yB9pmHFtOJV6RiNBBHro3u1GdocKa3YcGRA=="
  "react 18.3.1 sha512-wS+hAgJShR0KhEvPJArfuPVN1+Hz1t0Y6n5jLrGQbkb4urgPE/0Rve+1kMB1v/oWgHgm4WIcV+i7F2pTVj+2iQ=="
  "react-dom 18.3.1 sha512-5m4nQKp+rZRb09LNH59GM4BxTh9251/ylbKIbpe7TpGxfJ+9kv6BLkLBXIjjspbgbnIBNqlI23tRnTWT0snUIw=="
)

# The files the page loads, per package (paths inside the tarball), and the
# license each package ships, kept beside them in the repository.
files_of() {
  case $1 in
    graphiql) echo package/graphiql.min.js package/graphiql.min.css ;;
    react) echo package/umd/react.production.min.js ;;
    react-dom) echo package/umd/react-dom.production.min.js ;;
    *) echo "no file list for $1" >&2; exit 1 ;;
  esac
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=assets/vendor
staged=$tmp/vendor
mkdir -p "$staged"

sha512_of() { sha512sum "$1" | cut -d' ' -f1; }
integrity_hex() { printf '%s' "${1#sha512-}" | base64 -d | od -An -v -tx1 | tr -d ' \n'; }

{
  echo "# Written by refresh.sh from $registry; do not edit by hand."
  echo "# package version integrity"
} >"$staged/VERSIONS"

for pin in "${pins[@]}"; do
  read -r name version integrity <<<"$pin"
  tgz=$tmp/$name-$version.tgz
  echo "fetching $name@$version"
  curl -fsSL --retry 3 -o "$tgz" "$registry/$name/-/$name-$version.tgz"
  if [ "$(sha512_of "$tgz")" != "$(integrity_hex "$integrity")" ]; then
    got=sha512-$(openssl dgst -sha512 -binary "$tgz" 2>/dev/null | base64 -w0 || true)
    echo "$name@$version: the tarball's sha512 is not the pinned integrity" >&2
    echo "  pinned: $integrity" >&2
    echo "  got:    $got" >&2
    exit 1
  fi
  dir=$tmp/$name
  mkdir -p "$dir"
  # shellcheck disable=SC2046
  tar -xzf "$tgz" -C "$dir" package/LICENSE $(files_of "$name")
  for f in $(files_of "$name"); do
    base=$(basename "$f")
    # Drop source-map links: the maps are not shipped, and a browser's
    # developer tools would ask for them.
    sed -e '/^\/\/# sourceMappingURL=/d' -e 's|/\*# sourceMappingURL=[^*]*\*/||' "$dir/$f" >"$staged/$base"
  done
  cp "$dir/package/LICENSE" "$staged/LICENSE.$name"
  echo "$name $version $integrity" >>"$staged/VERSIONS"
done

rm -rf "$out"
mkdir -p "$(dirname "$out")"
mv "$staged" "$out"
echo "wrote $out:"
ls -l "$out"
