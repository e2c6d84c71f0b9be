using System.Text.Json.Nodes;
using Granary.Engine.Loading;
using static TorchSharp.torch;

namespace Granary.Engine.Tests.Support;

/// <summary>
/// A deliberately naive, double-precision transcription of the HF modeling code (Llama, Mistral,
/// Qwen2, Qwen3, Phi3, Gemma2) for one sequence and a full forward, written apart from the engine so
/// the engine can be checked on configurations the fixtures do not cover.
/// </summary>
internal sealed class ReferenceTransformer
{
    private readonly JsonObject _config;
    private readonly Dictionary<string, (double[] Data, long[] Shape)> _weights = [];

    public ReferenceTransformer(string modelDirectory)
    {
        _config = JsonNode.Parse(File.ReadAllText(Path.Combine(modelDirectory, "config.json")))!.AsObject();
        using var file = SafetensorsFile.Open(Path.Combine(modelDirectory, "model.safetensors"));
        foreach (var info in file.Tensors.Values)
        {
            using var t = file.Read(info);
            using var d = t.to(ScalarType.Float64);
            _weights[info.Name] = (d.data<double>().ToArray(), info.Shape);
        }
    }

    private string Arch => _config["architectures"]![0]!.GetValue<string>();
    private int Int(string key) => _config[key]!.GetValue<int>();
    private int Hidden => Int("hidden_size");
    private int Heads => Int("num_attention_heads");
    private int KvHeads => _config["num_key_value_heads"] is { } n ? n.GetValue<int>() : Heads;
    private int HeadDim => _config["head_dim"] is { } n ? n.GetValue<int>() : Hidden / Heads;
    private double Eps => _config["rms_norm_eps"]!.GetValue<double>();
    private bool Gemma2 => Arch == "Gemma2ForCausalLM";

    // Gemma2Config: gemma2 defaults when the field is absent, null turns a soft cap off.
    private double? Gemma2Double(string key, double fallback) => _config.ContainsKey(key) ? _config[key]?.GetValue<double>() : fallback;

    /// <summary>
    /// Logits [tokens][vocab] of a full forward over <paramref name="ids"/>. <paramref name="ropeSequenceLength"/>
    /// is the sequence length LongRoPE picks its factors by (transformers: this forward's length).
    /// </summary>
    public double[][] Forward(IReadOnlyList<int> ids, int? ropeSequenceLength = null)
    {
        var (embed, _) = _weights["model.embed_tokens.weight"];
        var x = ids.Select(id => embed.AsSpan(id * Hidden, Hidden).ToArray()).ToArray();
        if (Gemma2) x = x.Select(h => h.Select(e => e * Math.Sqrt(Hidden)).ToArray()).ToArray();
        var rope = ReferenceRope.InvFreq(_config, HeadDim, ropeSequenceLength ?? ids.Count);
        for (var layer = 0; layer < Int("num_hidden_layers"); layer++)
        {
            var p = $"model.layers.{layer}";
            var attn = Attention(x.Select(h => RmsNorm(h, $"{p}.input_layernorm.weight")).ToArray(), layer, $"{p}.self_attn", rope);
            if (Gemma2)
            {
                // Gemma 2 normalises each sublayer's output too before adding it to the residual.
                x = x.Select((h, t) => Add(h, RmsNorm(attn[t], $"{p}.post_attention_layernorm.weight"))).ToArray();
                x = x.Select(h => Add(h, RmsNorm(Mlp(RmsNorm(h, $"{p}.pre_feedforward_layernorm.weight"), $"{p}.mlp"),
                    $"{p}.post_feedforward_layernorm.weight"))).ToArray();
                continue;
            }
            x = x.Select((h, t) => Add(h, attn[t])).ToArray();
            x = x.Select(h => Add(h, Mlp(RmsNorm(h, $"{p}.post_attention_layernorm.weight"), $"{p}.mlp"))).ToArray();
        }
        var tied = _config["tie_word_embeddings"]?.GetValue<bool>() ?? Gemma2;
        var head = _weights.ContainsKey("lm_head.weight") && !tied ? "lm_head.weight" : "model.embed_tokens.weight";
        var logits = x.Select(h => MatVec(head, RmsNorm(h, "model.norm.weight"))).ToArray();
        if (Gemma2 && Gemma2Double("final_logit_softcapping", 30.0) is { } cap)
            logits = logits.Select(row => row.Select(l => cap * Math.Tanh(l / cap)).ToArray()).ToArray();
        return logits;
    }

    private double[][] Attention(double[][] x, int layer, string p, (double[] InvFreq, double Scale) rope)
    {
        int t = x.Length, d = HeadDim, group = Heads / KvHeads;
        var (q, k, v) = ProjectQkv(x, p);
        if (Arch == "Qwen3ForCausalLM")
        {
            q = q.Select(r => PerHead(r, Heads, head => RmsNorm(head, $"{p}.q_norm.weight"))).ToArray();
            k = k.Select(r => PerHead(r, KvHeads, head => RmsNorm(head, $"{p}.k_norm.weight"))).ToArray();
        }
        var (invFreq, scale) = rope;
        for (var pos = 0; pos < t; pos++)
        {
            q[pos] = PerHead(q[pos], Heads, head => Rotate(head, pos, invFreq, scale));
            k[pos] = PerHead(k[pos], KvHeads, head => Rotate(head, pos, invFreq, scale));
        }

        var window = SlidingWindow(layer);
        var scoreScale = Gemma2 ? Math.Pow(Gemma2Double("query_pre_attn_scalar", 256)!.Value, -0.5) : 1 / Math.Sqrt(d);
        var softCap = Gemma2 ? Gemma2Double("attn_logit_softcapping", 50.0) : null;
        var output = new double[t][];
        for (var i = 0; i < t; i++)
        {
            output[i] = new double[Heads * d];
            for (var h = 0; h < Heads; h++)
            {
                var kvh = h / group;
                var scores = new double[i + 1];
                for (var j = 0; j <= i; j++)
                {
                    var visible = window is null || j > i - window;
                    var score = Dot(q[i].AsSpan(h * d, d), k[j].AsSpan(kvh * d, d)) * scoreScale;
                    if (softCap is { } cap) score = cap * Math.Tanh(score / cap);
                    scores[j] = visible ? score : double.NegativeInfinity;
                }
                var max = scores.Max();
                var weights = scores.Select(s => Math.Exp(s - max)).ToArray();
                var sum = weights.Sum();
                for (var j = 0; j <= i; j++)
                for (var e = 0; e < d; e++)
                    output[i][h * d + e] += weights[j] / sum * v[j][kvh * d + e];
            }
        }
        return output.Select(o => Project(o, $"{p}.o_proj")).ToArray();
    }

    // Phi-3 stores q, k and v as consecutive row blocks of one qkv_proj.
    private (double[][] Q, double[][] K, double[][] V) ProjectQkv(double[][] x, string p)
    {
        if (!_weights.ContainsKey($"{p}.qkv_proj.weight"))
            return (x.Select(h => Project(h, $"{p}.q_proj")).ToArray(), x.Select(h => Project(h, $"{p}.k_proj")).ToArray(),
                x.Select(h => Project(h, $"{p}.v_proj")).ToArray());
        int q = Heads * HeadDim, kv = KvHeads * HeadDim;
        var packed = x.Select(h => Project(h, $"{p}.qkv_proj")).ToArray();
        return (packed.Select(r => r[..q]).ToArray(), packed.Select(r => r[q..(q + kv)]).ToArray(), packed.Select(r => r[(q + kv)..]).ToArray());
    }

    private int? SlidingWindow(int layer)
    {
        var window = _config["sliding_window"]?.GetValue<int?>();
        return Arch switch
        {
            "MistralForCausalLM" or "Phi3ForCausalLM" => window,
            // Gemma2: layer_types, else sliding on even layers; Gemma2Config's window is 4096 by default.
            "Gemma2ForCausalLM" => (_config["layer_types"] is JsonArray types
                ? types[layer]!.GetValue<string>() == "sliding_attention"
                : layer % 2 == 0) ? (_config.ContainsKey("sliding_window") ? window : 4096) : null,
            // Qwen2Config: the window only with use_sliding_window; layer_types, else layers from max_window_layers on.
            "Qwen2ForCausalLM" or "Qwen3ForCausalLM" when _config["use_sliding_window"]?.GetValue<bool>() == true
                => (_config["layer_types"] is JsonArray types
                    ? types[layer]!.GetValue<string>() == "sliding_attention"
                    : layer >= (_config["max_window_layers"]?.GetValue<int>() ?? 0)) ? window : null,
            _ => null,
        };
    }

    private double[] Mlp(double[] x, string p)
    {
        double[] gate, up;
        if (_weights.ContainsKey($"{p}.gate_up_proj.weight"))
        {
            var packed = Project(x, $"{p}.gate_up_proj"); // Phi-3: gate rows, then up rows
            (gate, up) = (packed[..(packed.Length / 2)], packed[(packed.Length / 2)..]);
        }
        else
        {
            (gate, up) = (Project(x, $"{p}.gate_proj"), Project(x, $"{p}.up_proj"));
        }
        var act = Gemma2
            ? _config["hidden_activation"]?.GetValue<string>() ?? "gelu_pytorch_tanh"
            : _config["hidden_act"]?.GetValue<string>() ?? "silu";
        var h = gate.Select((g, i) => Activation(act, g) * up[i]).ToArray();
        return Project(h, $"{p}.down_proj");
    }

    private static double Activation(string name, double x) => name switch
    {
        "silu" => x / (1 + Math.Exp(-x)),
        "gelu_pytorch_tanh" => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))),
        _ => throw new NotSupportedException(name),
    };

    // Rotates the first 2·invFreq.Length features (partial_rotary_factor); the rest pass through.
    private static double[] Rotate(double[] head, int pos, double[] invFreq, double scale)
    {
        var half = invFreq.Length;
        var result = head.ToArray();
        for (var i = 0; i < 2 * half; i++)
        {
            var angle = pos * invFreq[i % half];
            var rotated = i < half ? -head[i + half] : head[i - half];
            result[i] = head[i] * Math.Cos(angle) * scale + rotated * Math.Sin(angle) * scale;
        }
        return result;
    }

    // Gemma's RMSNorm scales by (1 + w), Llama's by w.
    private double[] RmsNorm(double[] x, string weight)
    {
        var rms = Math.Sqrt(x.Sum(v => v * v) / x.Length + Eps);
        var (w, _) = _weights[weight];
        var offset = Gemma2 ? 1.0 : 0.0;
        return x.Select((v, i) => v / rms * (offset + w[i])).ToArray();
    }

    private double[] Project(double[] x, string prefix)
    {
        var y = MatVec($"{prefix}.weight", x);
        if (_weights.TryGetValue($"{prefix}.bias", out var bias))
            for (var i = 0; i < y.Length; i++) y[i] += bias.Data[i];
        return y;
    }

    private double[] MatVec(string name, double[] x)
    {
        var (w, shape) = _weights[name];
        var y = new double[shape[0]];
        for (var r = 0; r < y.Length; r++) y[r] = Dot(w.AsSpan(r * x.Length, x.Length), x);
        return y;
    }

    private static double[] PerHead(double[] row, int heads, Func<double[], double[]> f)
    {
        var d = row.Length / heads;
        return Enumerable.Range(0, heads).SelectMany(h => f(row.AsSpan(h * d, d).ToArray())).ToArray();
    }

    private static double[] Add(double[] a, double[] b) => a.Select((v, i) => v + b[i]).ToArray();

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
