# syntax=docker/dockerfile:1
#
# The granary server image: one binary for every role (all | gateway | worker).
#
#   docker build -t granary .                     CPU image (target `runtime`, the default): libtorch-cpu bundled
#   docker build --target cuda -t granary:cuda .  CUDA image: libtorch comes from the image's PyTorch install
#
#   docker run --rm -p 8000:8000 granary          serves the bundled tiny-llama3 on http://localhost:8000/v1
#   docker run --rm --gpus all -p 8000:8000 -v /models:/models:ro granary:cuda \
#       --host 0.0.0.0 --device cuda --model llama=/models/Llama-3.2-1B-Instruct
#
# Build arguments:
#   TORCH_BACKEND        cpu (default) | external, for the `runtime` target. `external` leaves out the
#                        libtorch-cpu package (~475 MB of native libraries); the process then needs
#                        libtorch on LD_LIBRARY_PATH (mount one). The `cuda` target always uses `external`.
#   PATCH_LIBTORCHSHARP  auto (default) | true | false: build/LibTorchSharp.Glibcxx.targets, which marks
#                        TorchSharp's GLIBCXX_3.4.32 requirement weak after publish. `auto` patches only when
#                        the *build* container's libstdc++ lacks that version. The .NET 10 images are Ubuntu
#                        24.04 (libstdc++ from GCC 14), so nothing is patched with the default bases; pass
#                        `true` if you run the output on an older base (Debian 12, Ubuntu 22.04, ...).
#   TORCH_VERSION, TORCH_INDEX_URL
#                        the PyTorch wheel the `cuda` target installs (default 2.10.0 for CUDA 12.8, the
#                        libtorch TorchSharp 0.107 is built against). cu126 | cu128 | cu130 indexes exist;
#                        pick one the nodes' NVIDIA driver supports.
#
# Nothing here needs a GPU at build time. The HEALTHCHECK assumes the default --port 8000.

ARG DOTNET_TAG=10.0

# ---------------------------------------------------------------------------------------------------
# restore inputs: only what NuGet restore reads, so the restore layer survives source edits.
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_TAG} AS restore-inputs
WORKDIR /src
COPY global.json .editorconfig Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY build/ build/
COPY src/Directory.Build.props src/
COPY src/Granary.Engine.Abstractions/Granary.Engine.Abstractions.csproj src/Granary.Engine.Abstractions/
COPY src/Granary.Tokenization/Granary.Tokenization.csproj src/Granary.Tokenization/
COPY src/Granary.Structured/Granary.Structured.csproj src/Granary.Structured/
COPY src/Granary.Engine/Granary.Engine.csproj src/Granary.Engine/
COPY src/Granary.Grains.Abstractions/Granary.Grains.Abstractions.csproj src/Granary.Grains.Abstractions/
COPY src/Granary.Grains/Granary.Grains.csproj src/Granary.Grains/
COPY src/Granary.Serving/Granary.Serving.csproj src/Granary.Serving/
COPY src/Granary.Api/Granary.Api.csproj src/Granary.Api/
COPY src/Granary.Grpc/Granary.Grpc.csproj src/Granary.Grpc/
COPY src/Granary.Server/Granary.Server.csproj src/Granary.Server/
COPY src/Granary.Bench/Granary.Bench.csproj src/Granary.Bench/

# ---------------------------------------------------------------------------------------------------
# build: framework-dependent linux-x64 publish to /app (granary.dll, native libs, models/tiny-llama3).
FROM restore-inputs AS build
ARG TORCH_BACKEND=cpu
ARG PATCH_LIBTORCHSHARP=auto
RUN dotnet restore src/Granary.Server/Granary.Server.csproj -r linux-x64 \
      -p:SelfContained=false -p:TorchBackend=${TORCH_BACKEND}
COPY src/ src/
COPY protos/ protos/
COPY models/ models/
RUN dotnet publish src/Granary.Server/Granary.Server.csproj --no-restore -c Release -r linux-x64 \
      -p:SelfContained=false -p:TorchBackend=${TORCH_BACKEND} \
      -p:GranaryPatchLibTorchSharp=${PATCH_LIBTORCHSHARP} -o /app \
 && test -f /app/granary.dll \
 && test -f /app/models/tiny-llama3/config.json

# build-external: the same publish without libtorch-cpu, for the `cuda` target.
FROM restore-inputs AS build-external
ARG PATCH_LIBTORCHSHARP=auto
RUN dotnet restore src/Granary.Server/Granary.Server.csproj -r linux-x64 \
      -p:SelfContained=false -p:TorchBackend=external
COPY src/ src/
COPY protos/ protos/
COPY models/ models/
RUN dotnet publish src/Granary.Server/Granary.Server.csproj --no-restore -c Release -r linux-x64 \
      -p:SelfContained=false -p:TorchBackend=external \
      -p:GranaryPatchLibTorchSharp=${PATCH_LIBTORCHSHARP} -o /app \
 && test -f /app/granary.dll \
 && test -f /app/models/tiny-llama3/config.json \
 && test ! -e /app/libtorch_cpu.so

# ---------------------------------------------------------------------------------------------------
# runtime-base: ASP.NET Core runtime (Ubuntu 24.04), curl for the HEALTHCHECK, the non-root `app` user.
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_TAG} AS runtime-base
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
# The aspnet image sets ASPNETCORE_HTTP_PORTS=8080; granary binds --host/--port itself.
ENV ASPNETCORE_HTTP_PORTS=""
WORKDIR /app
# 8000: HTTP (OpenAI/NIM API on gateways, health probes everywhere); 11111: Orleans silo; 30000: Orleans gateway.
EXPOSE 8000 8001 11111 30000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8000/v1/health/live || exit 1
ENTRYPOINT ["dotnet", "/app/granary.dll"]
CMD ["--host", "0.0.0.0"]

# ---------------------------------------------------------------------------------------------------
# cuda: PyTorch's CUDA wheel in a venv supplies libtorch (and, through its nvidia-* dependencies, the
# CUDA runtime, cuBLAS and cuDNN); only the driver comes from the node (NVIDIA container toolkit).
# Run with `--device cuda`.
FROM runtime-base AS cuda
ARG TORCH_VERSION=2.10.0
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cu128
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/* \
 && python3 -m venv /opt/torch \
 && /opt/torch/bin/pip install --no-cache-dir "torch==${TORCH_VERSION}" --index-url "${TORCH_INDEX_URL}"
# Ubuntu 24.04's python3 is 3.12; the check below fails the build if the venv layout differs.
ENV LD_LIBRARY_PATH=/opt/torch/lib/python3.12/site-packages/torch/lib \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility
RUN test -f "${LD_LIBRARY_PATH}/libtorch_cuda.so" \
 || { echo "libtorch_cuda.so not found in ${LD_LIBRARY_PATH}" >&2; exit 1; }
COPY --from=build-external /app /app
USER $APP_UID

# ---------------------------------------------------------------------------------------------------
# runtime (default target): CPU inference with the libtorch-cpu that the build bundled.
FROM runtime-base AS runtime
COPY --from=build /app /app
USER $APP_UID
