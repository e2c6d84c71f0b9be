"""tiny-llama3 goldens through a running server on CUDA: logprobs against transformers' logits, greedy tokens."""
import argparse, json, math, struct, urllib.request


def load_safetensors(path):
    """float32 tensors of a safetensors file as nested lists (no torch needed: also runs on the CPU machine)."""
    with open(path, "rb") as f:
        header = json.loads(f.read(struct.unpack("<Q", f.read(8))[0]))
        data = f.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        begin, end = info["data_offsets"]
        flat = struct.unpack(f"<{(end - begin) // 4}f", data[begin:end])
        rows, cols = info["shape"] if len(info["shape"]) == 2 else (1, info["shape"][0])
        tensors[name] = [flat[r * cols:(r + 1) * cols] for r in range(rows)]
    return tensors


def log_softmax(row):
    top = max(row)
    total = math.log(sum(math.exp(v - top) for v in row)) + top
    return [v - total for v in row]


def post(url, body):
    request = urllib.request.Request(url + "/v1/completions", json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.load(response)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--fixture", required=True)
    parser.add_argument("--dtype", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    golden = json.load(open(f"{args.fixture}/golden.json"))
    logits = load_safetensors(f"{args.fixture}/golden_logits.safetensors")
    cases = []
    for i, case in enumerate(golden["cases"]):
        ids = case["ids"]
        reply = post(args.url, {"model": "tiny-llama3", "prompt": ids, "max_tokens": 24, "temperature": 0,
                                "ignore_eos": True, "prompt_logprobs": 20, "logprobs": 0,
                                "return_tokens_as_token_ids": True})
        choice = reply["choices"][0]
        greedy = [int(t.split(":", 1)[1]) for t in choice["logprobs"]["tokens"]]
        expected = case["greedy_24"]
        prefix = next((k for k, (a, b) in enumerate(zip(greedy, expected)) if a != b), min(len(greedy), len(expected)))
        # prompt_logprobs[p] scores token p from logits[p - 1]: compare every candidate given there.
        reference = [log_softmax(row) for row in logits[f"logits_{i}"]]
        worst = 0.0
        for p, candidates in enumerate(choice.get("prompt_logprobs") or []):
            if not candidates:
                continue
            for token, entry in candidates.items():
                worst = max(worst, abs(entry["logprob"] - reference[p - 1][int(token)]))
        cases.append({"case": i, "greedy_match_prefix": prefix, "greedy_matches": sum(a == b for a, b in zip(greedy, expected)),
                      "max_abs_logprob_error": worst})
    summary = {"dtype": args.dtype, "cases": cases,
               "max_abs_logprob_error": max(c["max_abs_logprob_error"] for c in cases),
               "greedy_agreement": sum(c["greedy_matches"] for c in cases) / (24 * len(cases))}
    summary["pass"] = summary["max_abs_logprob_error"] < 1e-3 and summary["greedy_agreement"] == 1.0 if args.dtype == "float32" else None
    json.dump(summary, open(args.out, "w"), indent=1)
    print(json.dumps({k: v for k, v in summary.items() if k != "cases"}))


if __name__ == "__main__":
    main()
