using System.Globalization;
using BenchmarkDotNet.Running;
using Monitor.Benchmarks;
using Monitor.Benchmarks.Scale;
using Monitor.Benchmarks.Years;

// dotnet run -c Release --project tests/Monitor.Benchmarks -- scale --size province|nation   (docs/scaling.md)
// dotnet run -c Release --project tests/Monitor.Benchmarks -- import-vs-raw [ROWS] [RUNS]   (RabbitMQ on 127.0.0.1)
// dotnet run -c Release --project tests/Monitor.Benchmarks -- years [DIR]   (the realistic years, by default into seeds/years)
// dotnet run -c Release --project tests/Monitor.Benchmarks -- --job short --filter '*'       (BenchmarkDotNet)
if (args is ["scale", ..])
{
    return await ScaleCommand.RunAsync(args[1..]);
}

if (args is ["years", ..])
{
    YearFiles.WriteAll(args.Length > 1 ? args[1] : YearFiles.Folder, Console.Out);
    return 0;
}

if (args is ["import-vs-raw", ..])
{
    return await ImportPublishBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3);
}

BenchmarkSwitcher.FromAssembly(typeof(VisitCsvBenchmarks).Assembly).Run(args);
return 0;
