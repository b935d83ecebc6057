#!/usr/bin/env bash
# Installs the WireMock standalone jar that make bench compares tsymock
# with, and the tools/bench tests start: $WIREMOCK_JAR, by default
# bin/wiremock-standalone.jar. Maven Central is not needed: the npm
# package "wiremock" ships the same jar. The version is pinned and the
# package's checksum checked. Running it again does nothing when the jar
# is there.
#
# Environment: WIREMOCK_VERSION (default 3.13.2; another version is
# checked only when WIREMOCK_SHA1 gives its npm "shasum"), WIREMOCK_JAR.
# Needs npm and, to run WireMock, Java 11 or later.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${WIREMOCK_VERSION:-3.13.2}
if [ "$version" = 3.13.2 ]; then
  sha1=${WIREMOCK_SHA1:-f1c67e45bad49d16e8f45886ce0e04b317a80e4b}
else
  sha1=${WIREMOCK_SHA1:-}
fi
out=${WIREMOCK_JAR:-bin/wiremock-standalone.jar}

if [ -s "$out" ] && [ -s "$out.version" ] && [ "$(cat "$out.version")" = "$version" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "wiremock.sh: npm is needed (apt-get install npm)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "fetching WireMock $version from the npm registry..."
tgz=$(cd "$tmp" && npm pack --silent "wiremock@$version")
if [ -n "$sha1" ]; then
  echo "$sha1  $tmp/$tgz" | sha1sum -c --quiet -
fi
tar -xzf "$tmp/$tgz" -C "$tmp" package/build
jar=$(find "$tmp/package/build" -name 'wiremock-standalone-*.jar' | head -n1)
[ -n "$jar" ] || { echo "wiremock.sh: no standalone jar in wiremock@$version" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
mv "$jar" "$out"
echo "$version" >"$out.version"
echo "installed $out (WireMock $version)"
