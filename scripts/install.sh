#!/usr/bin/env bash
# Builds a release jgpipe with the Swift standard library and Foundation linked in
# (--static-swift-stdlib), so the binary runs on a server without the Swift toolchain, checks
# with ldd that it needs no library of the toolchain, and installs it with the default
# pipeline file and the night script (docs/OPERATIONS.md, "Deploying"):
#
#     scripts/install.sh [PREFIX]      # default /usr/local
#
#   PREFIX/bin/jgpipe
#   PREFIX/share/jgpipe/pipelines/default.toml
#   PREFIX/share/jgpipe/scripts/nightly.sh
#   PREFIX/share/jgpipe/spark/jgpipe_spark.py    (the PySpark job of --engine spark)
#
# The build has its own folder (.build-static, or JGPIPE_BUILD_PATH), so the development build
# in .build is left as it is. The server needs only the C libraries of Debian's runtime
# packages (libsqlite3-0, libssl3, libxlsxwriter4), which ldd lists.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-/usr/local}"
build="${JGPIPE_BUILD_PATH:-.build-static}"
scripts/bootstrap.sh
swift build -c release --static-swift-stdlib --product jgpipe --build-path "$build" >&2
binary="$build/release/jgpipe"

toolchain="$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")"
libraries="$(ldd "$binary")"
if grep -E "not found|libswift|libFoundation|lib_FoundationICU|libdispatch|libBlocksRuntime|$toolchain" <<<"$libraries" >&2; then
    echo "install: $binary still needs the libraries above (from the Swift toolchain $toolchain)" >&2
    exit 1
fi

install -d "$prefix/bin" "$prefix/share/jgpipe/pipelines" "$prefix/share/jgpipe/scripts" "$prefix/share/jgpipe/spark"
install -m 0755 "$binary" "$prefix/bin/jgpipe"
install -m 0644 pipelines/default.toml "$prefix/share/jgpipe/pipelines/default.toml"
install -m 0755 scripts/nightly.sh "$prefix/share/jgpipe/scripts/nightly.sh"
install -m 0644 scripts/spark/jgpipe_spark.py "$prefix/share/jgpipe/spark/jgpipe_spark.py"
echo "install: $prefix/bin/jgpipe ($("$prefix/bin/jgpipe" --version)), needing only:" >&2
sed 's/^/    /' <<<"$libraries" >&2
