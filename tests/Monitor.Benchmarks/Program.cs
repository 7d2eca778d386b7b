using BenchmarkDotNet.Running;
using Monitor.Benchmarks.Scale;

// dotnet run -c Release --project tests/Monitor.Benchmarks -- scale --size province|nation   (docs/scaling.md)
// dotnet run -c Release --project tests/Monitor.Benchmarks -- --job short --filter '*'       (BenchmarkDotNet)
if (args.Length > 0 && args[0] == "scale")
{
    return await ScaleCommand.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Monitor.Benchmarks.VisitCsvBenchmarks).Assembly).Run(args);
return 0;
