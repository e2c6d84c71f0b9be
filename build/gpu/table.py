"""One table from a check.sh output folder: goldens, then tok/s per concurrency for Granary and the yardsticks."""
import json, os, sys


def load(path):
    try:
        return json.load(open(path))
    except (OSError, ValueError):
        return None


def main(out):
    card = open(os.path.join(out, "card.txt")).read().strip() if os.path.exists(os.path.join(out, "card.txt")) else "?"
    print(f"GPU: {card}\n")
    print("| goldens (tiny-llama3) | max abs logprob error | greedy agreement |\n|---|---|---|")
    for dtype in ("float32", "bfloat16"):
        g = load(os.path.join(out, f"goldens-{dtype}.json"))
        print(f"| {dtype} | {g['max_abs_logprob_error']:.2e} | {g['greedy_agreement']:.0%} |" if g else f"| {dtype} | failed (see goldens-{dtype}.log) | |")
    reference = {r["batch"]: r for r in (load(os.path.join(out, "reference.json")) or [])}
    print("\n| streams | Granary eager tok/s | TTFT p50 ms | TPOT p50 ms | HF generate (static cache) tok/s | PyTorch CUDA-graph loop tok/s |\n|---|---|---|---|---|---|")
    for c in (1, 64, 256):
        g = load(os.path.join(out, f"granary-c{c}.json"))
        run = (g or {}).get("runs", [{}])[0] if g else {}
        r = reference.get(c, {})
        fmt = lambda v, digits=0: f"{v:,.{digits}f}" if isinstance(v, (int, float)) else "–"
        print(f"| {c} | {fmt(run.get('output_throughput'))} | {fmt(run.get('median_ttft_ms'))} | {fmt(run.get('median_tpot_ms'), 2)} "
              f"| {fmt(r.get('hf_generate_static'))} | {fmt(r.get('torch_cuda_graph_loop'))} |")


if __name__ == "__main__":
    main(sys.argv[1])
