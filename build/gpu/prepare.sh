#!/usr/bin/env bash
# Run HERE (the CPU machine with the .NET SDK): packs everything the GPU check needs into .gpu/ at the
# repository root (git-ignored through .git/info/exclude), small enough for the device tool's 64 MiB carry.
#   build/gpu/prepare.sh && <device run> carry [".gpu"], command "bash .gpu/check.sh"
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
grep -qx '/.gpu/' .git/info/exclude 2>/dev/null || echo '/.gpu/' >> .git/info/exclude

pub="$(mktemp -d)/pub"
# TorchBackend=external: no libtorch-cpu (600 MB); the box's CUDA libtorch is loaded from LD_LIBRARY_PATH.
for project in src/Granary.Server src/Granary.Bench; do
  dotnet publish "$project" -c Release -r linux-x64 --self-contained -p:TorchBackend=external -p:InvariantGlobalization=true -o "$pub" --nologo -v quiet
done

rm -rf .gpu && mkdir -p .gpu
tar -C "$(dirname "$pub")" -cJf .gpu/app.tar.xz pub
tar -C tests -czf .gpu/fixtures.tar.gz fixtures/tiny-llama3 fixtures/tokenizers/llama3_1
cp build/gpu/check.sh build/gpu/goldens.py build/gpu/reference.py build/gpu/table.py .gpu/
du -sh .gpu/* | sed 's/^/prepared: /'
