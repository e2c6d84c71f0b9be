using Granary.Engine.Generation;
using Granary.Engine.Loading;
using Granary.Engine.Output;
using Granary.Engine.Scheduling;

namespace Granary.Engine.Serving;

/// <summary>The pieces the engine thread builds for itself when it starts (all tensor owners live on it).</summary>
internal sealed record EngineParts(
    LoadedModel Model, KvCache.KvCache Cache, Scheduler Scheduler, ModelRunner Runner, RequestAdmission Admission,
    StepOutputs Outputs, ChoiceEvents Events, PromptLogprobs PromptLogprobs, Torch.CpuWorkers? Workers);
