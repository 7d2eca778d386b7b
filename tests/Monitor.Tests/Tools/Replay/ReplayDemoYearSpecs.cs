using System.Text.Json;
using Monitor.Tests.Support;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Replay;

namespace Monitor.Tests.Tools.Replay;

/// <summary>
/// <c>replay</c> of the 2023 demo year through the real consumers, evaluator, alert policy, alert state and relay, on
/// the simulated clock: the alerts, in order, as they would have fired. The expected sequence follows the engine and
/// alert policy; when they change on purpose, run this spec: on a mismatch it writes the actual sequence, in the
/// syntax below, to the file its failure message names — review it line by line and paste it in.
/// </summary>
public class ReplayDemoYearSpecs
{
    // One line per alert: the simulated date, target, scope (institution or institution/unit), previous->current
    // (none on a first announcement), "final" for a measured rate's final verdict, and "reminder" for a reminder.
    private const string Expected = """
        2023-03-27 placement-disadvantaged-2023 tjqg/CL Pending->AtRisk
        2023-04-02 placement-disadvantaged-2023 tjqg/CL AtRisk->OffTrack
        2023-04-13 unit-visits-2023 tjqg/CL OnTrack->AtRisk
        2023-04-19 unit-visits-2023 tjqg/DZ OnTrack->OffTrack
        2023-04-29 unit-visits-2023 tjqg/CL AtRisk->OnTrack
        2023-05-18 unit-visits-2023 tjqg/DZ OffTrack->AtRisk
        2023-05-21 placement-disadvantaged-2023 tjqg OnTrack->OffTrack
        2023-05-25 placement-disadvantaged-2023 tjqg/DZ OnTrack->AtRisk
        2023-05-28 unit-visits-2023 tjqg/DZ AtRisk->OffTrack
        2023-05-30 placement-disadvantaged-2023 tjqg/JG OnTrack->AtRisk
        2023-05-31 placement-disadvantaged-2023 tjqg/XN OnTrack->AtRisk
        2023-06-01 placement-disadvantaged-2023 tjqg/RG OnTrack->AtRisk
        2023-06-06 placement-disadvantaged-2023 tjqg/YS OnTrack->AtRisk
        2023-06-10 unit-visits-2023 tjqg/XN OnTrack->AtRisk
        2023-06-18 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-06-19 placement-disadvantaged-2023 tjqg/JX OnTrack->AtRisk
        2023-07-08 placement-disadvantaged-2023 tjqg/RG AtRisk->OnTrack
        2023-07-10 placement-2023 tjqg/CL OnTrack->AtRisk
        2023-07-10 placement-disadvantaged-2023 tjqg OffTrack->OnTrack
        2023-07-10 placement-disadvantaged-2023 tjqg/DZ AtRisk->OnTrack
        2023-07-11 placement-2023 tjqg/JG OnTrack->AtRisk
        2023-07-12 unit-visits-2023 tjqg/XN AtRisk->OnTrack
        2023-07-13 placement-2023 tjqg/RG OnTrack->AtRisk
        2023-07-13 placement-2023 tjqg/XN OnTrack->AtRisk
        2023-07-22 unit-visits-2023 tjqg/DZ OffTrack->AtRisk
        2023-07-23 placement-2023 tjqg OnTrack->AtRisk
        2023-07-24 placement-2023 tjqg/JX OnTrack->AtRisk
        2023-07-25 placement-disadvantaged-2023 tjqg OnTrack->AtRisk
        2023-07-25 placement-disadvantaged-2023 tjqg/RG OnTrack->AtRisk
        2023-07-26 placement-2023 tjqg/CL AtRisk->OnTrack
        2023-07-31 placement-2023 tjqg/YS OnTrack->AtRisk
        2023-08-10 placement-disadvantaged-2023 tjqg/CL OffTrack->AtRisk
        2023-08-16 placement-2023 tjqg/JX AtRisk->OnTrack
        2023-08-18 unit-visits-2023 tjqg/DZ AtRisk->OffTrack
        2023-08-21 placement-2023 tjqg AtRisk->OnTrack
        2023-08-22 placement-disadvantaged-2023 tjqg AtRisk->AtRisk reminder
        2023-08-26 placement-2023 tjqg/JG AtRisk->OnTrack
        2023-08-31 placement-2023 tjqg OnTrack->Met
        2023-08-31 placement-2023 tjqg/RG AtRisk->Met
        2023-08-31 placement-disadvantaged-2023 tjqg/RG AtRisk->Met
        2023-08-31 placement-disadvantaged-2023 tjqg/CL AtRisk->Met
        2023-09-01 placement-2023 tjqg/XN AtRisk->Missed
        2023-09-01 placement-2023 tjqg/YS AtRisk->Missed
        2023-09-01 placement-disadvantaged-2023 tjqg AtRisk->Missed
        2023-09-01 placement-disadvantaged-2023 tjqg/JX AtRisk->Missed
        2023-09-01 placement-disadvantaged-2023 tjqg/XN AtRisk->Missed
        2023-09-01 placement-disadvantaged-2023 tjqg/JG AtRisk->Missed
        2023-09-01 placement-disadvantaged-2023 tjqg/YS AtRisk->Missed
        2023-09-15 placement-2023 tjqg Met->Met final
        2023-09-15 placement-disadvantaged-2023 tjqg Missed->Missed final
        2023-09-20 unit-visits-2023 tjqg/DZ OffTrack->OnTrack
        2023-11-10 unit-visits-2023 tjqg/DZ OnTrack->AtRisk
        2023-11-10 unit-visits-2023 tjqg/XN OnTrack->AtRisk
        2023-11-25 unit-visits-2023 tjqg OnTrack->Met
        2023-11-29 unit-visits-2023 tjqg/DZ AtRisk->OnTrack
        2023-12-25 leadership-visits-2023 tjqg OnTrack->Met
        2024-01-01 unit-visits-2023 tjqg/XN AtRisk->Missed
        """;

    [Fact]
    public async Task When_the_demo_year_is_replayed_should_fire_the_same_alerts_on_the_same_days_as_the_engine_and_policy_decide()
    {
        var (exitCode, output) = await CliRun.RunAsync("replay", "--json");

        Assert.Equal(ExitCodes.Ok, exitCode);
        var actual = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Line).ToList();
        var expected = Expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        if (!actual.SequenceEqual(expected))
        {
            var path = Path.Combine(Path.GetTempPath(), "monitor-replay-2023-actual.txt");
            await File.WriteAllLinesAsync(path, actual);
            var first = Enumerable.Range(0, Math.Max(actual.Count, expected.Count))
                .First(i => i >= actual.Count || i >= expected.Count || actual[i] != expected[i]);
            Assert.Fail($"Alert {first + 1} differs: expected '{At(expected, first)}', got '{At(actual, first)}' ({expected.Count} expected, {actual.Count} fired). The actual sequence is in {path}.");
        }
    }

    [Fact]
    public async Task When_the_demo_year_is_replayed_without_reminders_should_leave_them_out_and_print_the_rest_unchanged()
    {
        var (exitCode, output) = await CliRun.RunAsync("replay", "--json", "--quiet-reminders", "--to", "2023-03-31");

        Assert.Equal(ExitCodes.Ok, exitCode);
        var expected = Expected.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Trim())
            .Where(l => !l.EndsWith(" reminder", StringComparison.Ordinal) && string.CompareOrdinal(l, "2023-04-01") < 0)
            .ToList();
        Assert.Equal(expected, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Line).ToList());
    }

    private static string At(List<string> lines, int index) => index < lines.Count ? lines[index] : "(nothing)";

    private static string Line(string json)
    {
        var alert = JsonSerializer.Deserialize<ReplayAlertRecord>(json, CliJson.Compact)!;
        var scope = alert.UnitCode is null ? alert.InstitutionId : $"{alert.InstitutionId}/{alert.UnitCode}";
        var final = alert.IsFinalNotice ? " final" : string.Empty;
        return $"{alert.Date:yyyy-MM-dd} {alert.TargetId} {scope} {alert.Previous?.ToString() ?? "none"}->{alert.Current}{final}{(alert.IsReminder ? " reminder" : string.Empty)}";
    }
}
