using Granary.Bench.Commands;

return await BenchCommandLine.Build().Parse(args).InvokeAsync();
