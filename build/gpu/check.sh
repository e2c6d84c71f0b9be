#!/usr/bin/env bash
# Runs ON THE GPU BOX (no dotnet there; PyTorch + transformers in its python3), from the folder
# prepare.sh filled, in one command well under 8 minutes. Writes logs, JSON and table.md under $OUT.
# 1. tiny-llama3 goldens on CUDA: float32 logits within tolerance, bfloat16 greedy agreement;
# 2. a Llama-3.2-1B-shaped random bf16 model served over HTTP, granary-bench serve at 1, 64, 256 streams;
# 3. HF generate (static cache) and a minimal PyTorch decode loop replayed as a CUDA graph, same shapes.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
OUT="${OUT:-$here/out}"
mkdir -p "$OUT"
TP="$(python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))')"
export LD_LIBRARY_PATH="$TP/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
work=/tmp/granary-gpu && rm -rf "$work" && mkdir -p "$work"
tar -xJf "$here/app.tar.xz" -C "$work" && tar -xzf "$here/fixtures.tar.gz" -C "$work"
app="$work/pub"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader > "$OUT/card.txt" 2>&1

serve() { # serve PORT LOG ARGS... : starts the server and waits until it answers (or fails)
  local port=$1 log=$2; shift 2
  "$app/granary" --device cuda --port "$port" --grpc-port 0 --silo-port $((port + 1)) --gateway-port $((port + 2)) "$@" > "$log" 2>&1 &
  server=$!
  for _ in $(seq 1 240); do
    curl -sf "http://localhost:$port/v1/health/ready" > /dev/null && return 0
    kill -0 $server 2>/dev/null || { echo "server exited: $(tail -3 "$log")"; return 1; }
    sleep 0.5
  done
  echo "server not ready in 120 s"; return 1
}
stop() { kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; }

for dtype in float32 bfloat16; do
  if serve 8100 "$OUT/goldens-$dtype.log" --dtype $dtype --model "tiny-llama3=$work/fixtures/tiny-llama3"; then
    python3 "$here/goldens.py" --url http://localhost:8100 --fixture "$work/fixtures/tiny-llama3" --dtype $dtype --out "$OUT/goldens-$dtype.json"
  fi
  stop
done

"$app/granary-bench" make-model --preset llama-3.2-1b --dtype bfloat16 --out "$work/llama-1b" \
  --tokenizer-from "$work/fixtures/tokenizers/llama3_1" > "$OUT/make-model.log" 2>&1
if serve 8200 "$OUT/serve-1b.log" --model "llama-1b=$work/llama-1b" --max-num-seqs 256 --max-model-len 4096; then
  for c in 1 64 256; do
    "$app/granary-bench" serve --base-url http://localhost:8200 --concurrency $c --num-prompts $((c < 4 ? 8 : 2 * c)) \
      --input-len 128 --output-len 256 --result-json "$OUT/granary-c$c.json" --label "granary eager" > "$OUT/bench-c$c.log" 2>&1
  done
fi
stop

python3 "$here/reference.py" --model "$work/llama-1b" --batches 1,64,256 --input-len 128 --output-len 256 --out "$OUT/reference.json" > "$OUT/reference.log" 2>&1
python3 "$here/table.py" "$OUT" | tee "$OUT/table.md"
