"""The yardsticks on the same box and shapes: HF transformers generate with a static cache, and a
minimal PyTorch decode loop whose step is captured once and replayed as a CUDA graph (what Granary's
CUDA-graph path should approach). Greedy, bf16, random prompts of --input-len tokens, --output-len new tokens."""
import argparse, json, time

import torch
from transformers import AutoModelForCausalLM, StaticCache


def hf_generate(model, batch, input_len, output_len):
    ids = torch.randint(0, model.config.vocab_size, (batch, input_len), device="cuda")
    kwargs = dict(max_new_tokens=output_len, min_new_tokens=output_len, do_sample=False, cache_implementation="static")
    model.generate(ids, **{**kwargs, "max_new_tokens": 8, "min_new_tokens": 8})  # warm-up
    torch.cuda.synchronize()
    start = time.perf_counter()
    model.generate(ids, **kwargs)
    torch.cuda.synchronize()
    return batch * output_len / (time.perf_counter() - start)


def graph_loop(model, batch, input_len, output_len):
    cache = StaticCache(config=model.config, max_batch_size=batch, max_cache_len=input_len + output_len + 8, device="cuda", dtype=model.dtype)
    ids = torch.randint(0, model.config.vocab_size, (batch, input_len), device="cuda")
    with torch.no_grad():
        logits = model(ids, past_key_values=cache, use_cache=True, cache_position=torch.arange(input_len, device="cuda")).logits
        token = logits[:, -1:].argmax(-1)
        position = torch.tensor([input_len], device="cuda")
        step_in, pos_in = token.clone(), position.clone()

        def step():
            out = model(step_in, past_key_values=cache, use_cache=True, cache_position=pos_in).logits
            return out[:, -1:].argmax(-1)

        stream = torch.cuda.Stream()
        stream.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(stream):
            for _ in range(3):
                step()  # warm-up on the side stream, as capture requires
        torch.cuda.current_stream().wait_stream(stream)
        graph = torch.cuda.CUDAGraph()
        with torch.cuda.graph(graph):
            step_out = step()
        torch.cuda.synchronize()
        start = time.perf_counter()
        for i in range(output_len):
            graph.replay()
            step_in.copy_(step_out)
            pos_in.add_(1)
        torch.cuda.synchronize()
        return batch * output_len / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--batches", default="1,64,256")
    parser.add_argument("--input-len", type=int, default=128)
    parser.add_argument("--output-len", type=int, default=256)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    model = AutoModelForCausalLM.from_pretrained(args.model, dtype=torch.bfloat16).cuda().eval()
    results = []
    for batch in [int(b) for b in args.batches.split(",")]:
        row = {"batch": batch}
        for name, run in (("hf_generate_static", hf_generate), ("torch_cuda_graph_loop", graph_loop)):
            try:
                row[name] = run(model, batch, args.input_len, args.output_len)
            except Exception as error:  # one failing yardstick must not cost the others
                row[name] = None
                row[name + "_error"] = repr(error)[:300]
            torch.cuda.empty_cache()
        results.append(row)
        print(json.dumps(row), flush=True)
    json.dump(results, open(args.out, "w"), indent=1)


if __name__ == "__main__":
    main()
