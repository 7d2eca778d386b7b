using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Monitor.Benchmarks.Years;

/// <summary>
/// Writes the realistic years as gzipped replay files (JSON Lines, the replay's format), each with a header saying what
/// happens in it and its known outcome: <c>dotnet run -c Release --project tests/Monitor.Benchmarks -- years [DIR]</c>
/// (by default seeds/years).
/// </summary>
internal static class YearFiles
{
    public const string Folder = "seeds/years";

    /// <summary>Writes every year into <paramref name="folder"/> and names each file written.</summary>
    public static void WriteAll(string folder, TextWriter log)
    {
        Directory.CreateDirectory(folder);
        foreach (var plan in RealisticYears.All)
        {
            var file = YearBuilder.Build(plan);
            // Gzipped (replay reads .gz): a year is about 1 MB of JSON Lines and 50 KB compressed.
            var path = Path.Combine(folder, plan.Name + ".jsonl.gz");
            using (var gzip = new GZipStream(File.Create(path), CompressionLevel.SmallestSize))
            {
                gzip.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Render(file)));
            }

            log.WriteLine($"{path}: {file.Events.Count} events; {string.Join(", ", file.Outcomes.GroupBy(o => o.Verdict).Select(g => $"{g.Count()} {g.Key}"))}");
        }
    }

    /// <summary>The file's text: the header, then one event per line in order of arrival.</summary>
    public static string Render(YearFile file)
    {
        var plan = file.Plan;
        var text = new StringBuilder();
        void Comment(string line) => text.Append(line.Length == 0 ? "#" : "# " + line).Append('\n');

        Comment($"{plan.Title} ({plan.Name}.jsonl.gz)");
        Comment(string.Empty);
        foreach (var line in plan.Story)
        {
            Comment(line);
        }

        Comment(string.Empty);
        Comment("Known outcome, counted from the events below: every scope's final verdict (visits: distinct employers by 31");
        Comment("December against the targets file's thresholds; placement: measured on 31 August, with the reports filed until");
        Comment("the books close on 14 September). \"none\": the scope has no graduate in the target's population.");
        foreach (var o in file.Outcomes)
        {
            Comment($"outcome {o.TargetId} {YearBuilder.Institution}{(o.UnitCode is null ? string.Empty : "/" + o.UnitCode)} {o.Verdict} {o.Figures}");
        }

        Comment(string.Empty);
        var lines = file.Events.Select(e => e.Json).ToList();
        Comment(string.Create(
            CultureInfo.InvariantCulture,
            $"{Count(lines, "EnterpriseVisitRecorded")} visits, {Count(lines, "EnterpriseVisitCancelled")} cancelled; {Count(lines, "GraduateRegistered")} graduates registered, {Count(lines, "GraduateWithdrawn")} withdrawn; {Count(lines, "GraduateDestinationReported")} destination reports."));
        Comment($"Institution tjqg of seeds/institutions.json; targets: seeds/targets-{plan.Year}.json as shipped. Replay from the");
        Comment("repository's folder (dotnet run starts the worker in worker/, hence the full path):");
        Comment($"  dotnet run --project worker -- replay --events \"$PWD/{Folder}/{plan.Name}.jsonl.gz\"{(plan.LastYear is null ? string.Empty : $" --from {plan.Year}-01-01")}");
        Comment("Drawn deterministically by tests/Monitor.Benchmarks/Years (RealisticYears.cs holds the plan); rewrite with");
        Comment("  dotnet run -c Release --project tests/Monitor.Benchmarks -- years");
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static int Count(List<string> lines, string type) => lines.Count(l => l.StartsWith($$"""{"type":"{{type}}",""", StringComparison.Ordinal));
}
