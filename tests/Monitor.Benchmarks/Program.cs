using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Monitor.Benchmarks -- --job short --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Monitor.Benchmarks.VisitCsvBenchmarks).Assembly).Run(args);
