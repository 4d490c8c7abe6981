#!/usr/bin/env bash
# Packs the packable projects of the Release build (the client library with the libraries it needs, and the otrain
# tool) into artifacts/packages, installs the tool from that folder alone (a nuget.config with no other source) into a
# temporary tool path, and checks that the installed otrain prints its version. Run after a Release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
packages="$PWD/artifacts/packages"
rm -rf "$packages"
for project in Abstractions Numerics Models Ingest Redis Client Cli; do
  dotnet pack "src/OrleansTrainer.$project" -c Release --no-build -nologo -v quiet
done
for package in OrleansTrainer.Client OrleansTrainer.Cli; do
  ls "$packages/$package".*.nupkg "$packages/$package".*.snupkg >/dev/null
done

tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
cat >"$tools/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$packages" />
  </packageSources>
</configuration>
CONFIG
dotnet tool install OrleansTrainer.Cli --tool-path "$tools/bin" --configfile "$tools/nuget.config" >/dev/null
version=$("$tools/bin/otrain" --version)
expected=$(ls "$packages"/OrleansTrainer.Cli.*.nupkg | grep -v snupkg | sed -E 's/.*OrleansTrainer\.Cli\.(.*)\.nupkg/\1/')
case "$version" in
  "$expected"|"$expected+"*) echo "otrain $version installed from $packages" ;;
  *) echo "the installed otrain says version '$version', the package is $expected" >&2; exit 1 ;;
esac
