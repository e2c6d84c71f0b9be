using System.Text.Json.Nodes;
using Granary.Engine.Loading;
using static TorchSharp.torch;

namespace Granary.Engine.Tests.Support;

/// <summary>
/// A deliberately naive, double-precision transcription of the HF modeling code (Llama, Mistral,
/// Qwen2, Qwen3) for one sequence and a full forward, written apart from the engine so the engine
/// can be checked on configurations the fixtures do not cover.
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

    /// <summary>Logits [tokens][vocab] of a full forward over <paramref name="ids"/>.</summary>
    public double[][] Forward(IReadOnlyList<int> ids)
    {
        var (embed, _) = _weights["model.embed_tokens.weight"];
        var x = ids.Select(id => embed.AsSpan(id * Hidden, Hidden).ToArray()).ToArray();
        for (var layer = 0; layer < Int("num_hidden_layers"); layer++)
        {
            var p = $"model.layers.{layer}";
            var attn = Attention(x.Select(h => RmsNorm(h, $"{p}.input_layernorm.weight")).ToArray(), layer, $"{p}.self_attn");
            x = x.Select((h, t) => Add(h, attn[t])).ToArray();
            x = x.Select(h => Add(h, Mlp(RmsNorm(h, $"{p}.post_attention_layernorm.weight"), $"{p}.mlp"))).ToArray();
        }
        var head = _weights.ContainsKey("lm_head.weight") && _config["tie_word_embeddings"]?.GetValue<bool>() != true
            ? "lm_head.weight" : "model.embed_tokens.weight";
        return x.Select(h => MatVec(head, RmsNorm(h, "model.norm.weight"))).ToArray();
    }

    private double[][] Attention(double[][] x, int layer, string p)
    {
        int t = x.Length, d = HeadDim, group = Heads / KvHeads;
        var q = x.Select(h => Project(h, $"{p}.q_proj")).ToArray();
        var k = x.Select(h => Project(h, $"{p}.k_proj")).ToArray();
        var v = x.Select(h => Project(h, $"{p}.v_proj")).ToArray();
        if (Arch == "Qwen3ForCausalLM")
        {
            q = q.Select(r => PerHead(r, Heads, head => RmsNorm(head, $"{p}.q_norm.weight"))).ToArray();
            k = k.Select(r => PerHead(r, KvHeads, head => RmsNorm(head, $"{p}.k_norm.weight"))).ToArray();
        }
        var (invFreq, scale) = ReferenceRope.InvFreq(_config, d);
        for (var pos = 0; pos < t; pos++)
        {
            q[pos] = PerHead(q[pos], Heads, head => Rotate(head, pos, invFreq, scale));
            k[pos] = PerHead(k[pos], KvHeads, head => Rotate(head, pos, invFreq, scale));
        }

        var window = SlidingWindow(layer);
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
                    scores[j] = visible ? Dot(q[i].AsSpan(h * d, d), k[j].AsSpan(kvh * d, d)) / Math.Sqrt(d) : double.NegativeInfinity;
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

    private int? SlidingWindow(int layer)
    {
        var window = _config["sliding_window"]?.GetValue<int?>();
        return Arch switch
        {
            "MistralForCausalLM" => window,
            "Qwen2ForCausalLM" or "Qwen3ForCausalLM" when _config["use_sliding_window"]?.GetValue<bool>() == true
                => layer >= (_config["max_window_layers"]?.GetValue<int>() ?? 0) ? window : null,
            _ => null,
        };
    }

    private double[] Mlp(double[] x, string p)
    {
        var gate = Project(x, $"{p}.gate_proj");
        var up = Project(x, $"{p}.up_proj");
        var h = gate.Select((g, i) => g / (1 + Math.Exp(-g)) * up[i]).ToArray();
        return Project(h, $"{p}.down_proj");
    }

    private double[] Rotate(double[] head, int pos, double[] invFreq, double scale)
    {
        var half = head.Length / 2;
        var result = new double[head.Length];
        for (var i = 0; i < head.Length; i++)
        {
            var angle = pos * invFreq[i % half];
            var rotated = i < half ? -head[i + half] : head[i - half];
            result[i] = head[i] * Math.Cos(angle) * scale + rotated * Math.Sin(angle) * scale;
        }
        return result;
    }

    private double[] RmsNorm(double[] x, string weight)
    {
        var rms = Math.Sqrt(x.Sum(v => v * v) / x.Length + Eps);
        var (w, _) = _weights[weight];
        return x.Select((v, i) => v / rms * w[i]).ToArray();
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
