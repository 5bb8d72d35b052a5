#!/usr/bin/env bash
# Publishes the silo and the hetero console for linux-x64, self-contained (the target machine needs no .NET):
#   scripts/publish.sh [OUT]     (default: publish/)
# OUT/silo holds HeteroOrleans.Silo, silo-configs/ and models/ (the manifest, and the models the configs name where
# they are built here); OUT/hetero holds hetero and the manifest. Models missing there are built on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-publish}
dotnet publish src/HeteroOrleans.Silo -c Release -r linux-x64 --self-contained -o "$out/silo" -v quiet -nologo
dotnet publish src/HeteroOrleans.Cli -c Release -r linux-x64 --self-contained -o "$out/hetero" -v quiet -nologo
mkdir -p "$out/silo/silo-configs"
cp -r silo-configs/. "$out/silo/silo-configs/"
# The models the shipped configs name, where they are built here (the paper's large ones are left to build on use).
for model in $(grep -rhoE '"Model": *"[^"]+"' silo-configs | sed -E 's/.*"([^"]+)"$/\1/' | sort -u); do
  for built in "models/$model.onnx" "models/$model.onnx.fit.json"; do
    [ -e "$built" ] && cp "$built" "$out/silo/models/"
  done
done
echo "published: $out/silo/HeteroOrleans.Silo and $out/hetero/hetero ($(du -sh "$out" | cut -f1))"
