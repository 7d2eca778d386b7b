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
    // (none on a first announcement, or when grouped units came from different statuses), "grouped" and the units of
    // a grouped alert, and "reminder" for a reminder.
    private const string Expected = """
        2023-01-02 unit-visits-2023 tjqg OnTrack->AtRisk
        2023-01-04 leadership-visits-2023 tjqg OnTrack->AtRisk
        2023-01-04 unit-visits-2023 tjqg AtRisk->OffTrack
        2023-01-08 leadership-visits-2023 tjqg AtRisk->OffTrack
        2023-01-11 unit-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-01-13 unit-visits-2023 tjqg/JX OnTrack->AtRisk
        2023-01-15 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-01-15 unit-visits-2023 tjqg/RG OnTrack->AtRisk
        2023-01-15 unit-visits-2023 tjqg/XN OnTrack->AtRisk
        2023-01-15 unit-visits-2023 tjqg/CL OnTrack->AtRisk
        2023-01-18 unit-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-01-20 unit-visits-2023 tjqg/JX AtRisk->AtRisk reminder
        2023-01-22 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-01-22 unit-visits-2023 tjqg/RG AtRisk->AtRisk reminder
        2023-01-22 unit-visits-2023 tjqg/XN AtRisk->AtRisk reminder
        2023-01-22 unit-visits-2023 tjqg/CL AtRisk->AtRisk reminder
        2023-01-25 unit-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-01-27 unit-visits-2023 tjqg/JX AtRisk->AtRisk reminder
        2023-01-28 unit-visits-2023 tjqg/JX AtRisk->OffTrack
        2023-01-28 unit-visits-2023 tjqg/RG AtRisk->OffTrack
        2023-01-28 unit-visits-2023 tjqg/XN AtRisk->OffTrack
        2023-01-28 unit-visits-2023 tjqg/CL AtRisk->OffTrack
        2023-01-29 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-02-01 unit-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-02-04 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-02-04 unit-visits-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-02-04 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-02-04 unit-visits-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-02-05 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-02-06 unit-visits-2023 tjqg/DZ OnTrack->OffTrack
        2023-02-06 unit-visits-2023 tjqg/ZJ OnTrack->OffTrack
        2023-02-08 unit-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-02-11 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-02-11 unit-visits-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-02-11 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-02-11 unit-visits-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-02-12 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-02-13 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-02-13 unit-visits-2023 tjqg/YS OnTrack->OffTrack
        2023-02-13 unit-visits-2023 tjqg/ZJ OffTrack->OffTrack reminder
        2023-02-15 unit-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-02-18 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-02-18 unit-visits-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-02-18 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-02-18 unit-visits-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-02-19 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-02-20 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-02-20 unit-visits-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-02-20 unit-visits-2023 tjqg/ZJ OffTrack->OffTrack reminder
        2023-02-22 unit-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-02-25 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-02-25 unit-visits-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-02-25 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-02-25 unit-visits-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-02-26 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-02-27 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-02-27 unit-visits-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-02-27 unit-visits-2023 tjqg/ZJ OffTrack->OffTrack reminder
        2023-02-28 unit-visits-2023 tjqg/ZJ OffTrack->AtRisk
        2023-03-01 unit-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-03-04 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-03-04 unit-visits-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-03-04 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-03-04 unit-visits-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-03-05 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-03-05 unit-visits-2023 tjqg/YS OffTrack->AtRisk
        2023-03-06 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-03-06 unit-visits-2023 tjqg/YS AtRisk->OnTrack
        2023-03-06 unit-visits-2023 tjqg/ZJ AtRisk->OnTrack
        2023-03-07 placement-disadvantaged-2023 tjqg/CL OnTrack->AtRisk
        2023-03-08 unit-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-03-11 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-03-11 unit-visits-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-03-11 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-03-11 unit-visits-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-03-12 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-03-13 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-03-13 placement-disadvantaged-2023 tjqg/JX OnTrack->AtRisk
        2023-03-13 placement-disadvantaged-2023 tjqg/CL AtRisk->OffTrack
        2023-03-15 unit-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-03-17 placement-disadvantaged-2023 tjqg/JG OnTrack->AtRisk
        2023-03-18 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-03-18 unit-visits-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-03-18 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-03-18 unit-visits-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-03-19 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-03-20 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-03-20 placement-disadvantaged-2023 tjqg/JX AtRisk->AtRisk reminder
        2023-03-20 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-03-21 placement-2023 tjqg/YS OnTrack->AtRisk
        2023-03-21 placement-disadvantaged-2023 tjqg/JG AtRisk->OffTrack
        2023-03-22 unit-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-03-22 placement-disadvantaged-2023 tjqg OnTrack->AtRisk
        2023-03-22 placement-disadvantaged-2023 tjqg/DZ OnTrack->AtRisk
        2023-03-24 placement-2023 tjqg/CL OnTrack->AtRisk
        2023-03-25 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-03-25 unit-visits-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-03-25 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-03-25 unit-visits-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-03-25 placement-2023 tjqg/JX OnTrack->AtRisk
        2023-03-25 placement-2023 tjqg/JG OnTrack->AtRisk
        2023-03-26 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-03-27 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-03-27 placement-disadvantaged-2023 tjqg AtRisk->OffTrack
        2023-03-27 placement-disadvantaged-2023 tjqg/JX AtRisk->AtRisk reminder
        2023-03-27 placement-disadvantaged-2023 tjqg/DZ AtRisk->OffTrack
        2023-03-27 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-03-28 placement-2023 tjqg/JG AtRisk->OffTrack
        2023-03-28 placement-2023 tjqg/YS AtRisk->OffTrack
        2023-03-28 placement-disadvantaged-2023 tjqg/JX AtRisk->OnTrack
        2023-03-28 placement-disadvantaged-2023 tjqg/JG OffTrack->OffTrack reminder
        2023-03-29 unit-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-03-29 placement-disadvantaged-2023 tjqg OffTrack->AtRisk
        2023-03-31 placement-2023 tjqg/CL AtRisk->AtRisk reminder
        2023-03-31 placement-disadvantaged-2023 tjqg AtRisk->OffTrack
        2023-04-01 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-04-01 unit-visits-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-04-01 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-04-01 unit-visits-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-04-01 placement-2023 tjqg OnTrack->AtRisk
        2023-04-01 placement-2023 tjqg/JX AtRisk->AtRisk reminder
        2023-04-02 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-04-02 placement-2023 tjqg/JG OffTrack->AtRisk
        2023-04-03 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-04-03 placement-disadvantaged-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-04-03 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-04-04 placement-2023 tjqg/JX AtRisk->OnTrack
        2023-04-04 placement-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-04-04 placement-disadvantaged-2023 tjqg/JG OffTrack->OffTrack reminder
        2023-04-05 unit-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-04-07 placement-2023 tjqg/CL AtRisk->AtRisk reminder
        2023-04-07 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-04-08 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-04-08 unit-visits-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-04-08 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-04-08 unit-visits-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-04-08 placement-2023 tjqg AtRisk->AtRisk reminder
        2023-04-08 placement-2023 tjqg/CL AtRisk->OffTrack
        2023-04-09 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-04-09 placement-2023 tjqg/JG AtRisk->AtRisk reminder
        2023-04-10 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-04-10 placement-disadvantaged-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-04-10 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-04-10 placement-disadvantaged-2023 tjqg/YS OnTrack->AtRisk
        2023-04-11 placement-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-04-11 placement-disadvantaged-2023 tjqg/JG OffTrack->OffTrack reminder
        2023-04-12 unit-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-04-13 unit-visits-2023 tjqg/JX OffTrack->AtRisk
        2023-04-13 placement-2023 tjqg/CL OffTrack->AtRisk
        2023-04-13 placement-disadvantaged-2023 tjqg/YS AtRisk->OffTrack
        2023-04-14 unit-visits-2023 tjqg OffTrack->AtRisk
        2023-04-14 unit-visits-2023 tjqg/JX AtRisk->OnTrack
        2023-04-14 placement-2023 tjqg AtRisk->OnTrack
        2023-04-14 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-04-14 placement-disadvantaged-2023 tjqg/YS OffTrack->AtRisk
        2023-04-15 unit-visits-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-04-15 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-04-15 unit-visits-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-04-16 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-04-16 placement-2023 tjqg/JG AtRisk->AtRisk reminder
        2023-04-17 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-04-17 placement-disadvantaged-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-04-17 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-04-17 placement-disadvantaged-2023 tjqg/YS AtRisk->OnTrack
        2023-04-18 placement-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-04-18 placement-disadvantaged-2023 tjqg/JG OffTrack->OffTrack reminder
        2023-04-20 placement-2023 tjqg/CL AtRisk->AtRisk reminder
        2023-04-21 unit-visits-2023 tjqg AtRisk->AtRisk reminder
        2023-04-21 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-04-21 placement-disadvantaged-2023 tjqg/RG OnTrack->AtRisk
        2023-04-22 unit-visits-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-04-22 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-04-22 unit-visits-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-04-22 placement-2023 tjqg/CL AtRisk->OffTrack
        2023-04-23 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-04-23 placement-2023 tjqg/JG AtRisk->AtRisk reminder
        2023-04-23 placement-disadvantaged-2023 tjqg/JX OnTrack->AtRisk
        2023-04-24 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-04-24 unit-visits-2023 tjqg/RG OffTrack->AtRisk
        2023-04-24 placement-2023 tjqg/JG AtRisk->OnTrack
        2023-04-24 placement-disadvantaged-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-04-24 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-04-25 unit-visits-2023 tjqg AtRisk->OnTrack
        2023-04-25 placement-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-04-25 placement-disadvantaged-2023 tjqg/JG OffTrack->OffTrack reminder
        2023-04-26 placement-disadvantaged-2023 tjqg/YS OnTrack->AtRisk
        2023-04-27 placement-disadvantaged-2023 tjqg/JX AtRisk->OffTrack
        2023-04-28 unit-visits-2023 tjqg/RG AtRisk->OnTrack
        2023-04-28 placement-2023 tjqg/CL OffTrack->AtRisk
        2023-04-28 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-04-28 placement-disadvantaged-2023 tjqg/RG AtRisk->AtRisk reminder
        2023-04-29 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-04-29 unit-visits-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-04-29 placement-2023 tjqg/JG OnTrack->AtRisk
        2023-04-30 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-05-01 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-05-01 placement-disadvantaged-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-05-01 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-05-01 placement-disadvantaged-2023 tjqg/YS AtRisk->OffTrack
        2023-05-02 placement-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-05-02 placement-disadvantaged-2023 tjqg/JG OffTrack->OffTrack reminder
        2023-05-03 leadership-visits-2023 tjqg OffTrack->AtRisk
        2023-05-03 placement-2023 tjqg/CL AtRisk->OffTrack
        2023-05-03 placement-2023 tjqg/JG AtRisk->OnTrack
        2023-05-04 leadership-visits-2023 tjqg AtRisk->OffTrack
        2023-05-04 placement-disadvantaged-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-05-05 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-05-05 placement-disadvantaged-2023 tjqg/RG AtRisk->AtRisk reminder
        2023-05-06 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-05-06 unit-visits-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-05-06 placement-disadvantaged-2023 tjqg/RG AtRisk->OffTrack
        2023-05-06 placement-disadvantaged-2023 tjqg/XN OnTrack->AtRisk
        2023-05-08 leadership-visits-2023 tjqg OffTrack->AtRisk
        2023-05-08 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-05-08 placement-disadvantaged-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-05-08 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-05-08 placement-disadvantaged-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-05-09 placement-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-05-09 placement-disadvantaged-2023 tjqg/JG OffTrack->OffTrack reminder
        2023-05-10 placement-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-05-11 placement-disadvantaged-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-05-12 placement-2023 tjqg/JG OnTrack->AtRisk
        2023-05-12 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-05-12 placement-disadvantaged-2023 tjqg/XN AtRisk->OffTrack
        2023-05-13 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-05-13 unit-visits-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-05-13 placement-disadvantaged-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-05-14 placement-disadvantaged-2023 tjqg/JX OffTrack->AtRisk
        2023-05-15 leadership-visits-2023 tjqg AtRisk->AtRisk reminder
        2023-05-15 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-05-15 placement-disadvantaged-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-05-15 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-05-15 placement-disadvantaged-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-05-16 placement-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-05-16 placement-disadvantaged-2023 tjqg/JX AtRisk->OnTrack
        2023-05-16 placement-disadvantaged-2023 tjqg/JG OffTrack->OffTrack reminder
        2023-05-17 placement-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-05-17 placement-2023 tjqg/YS OffTrack->AtRisk
        2023-05-19 placement-2023 tjqg/JG AtRisk->AtRisk reminder
        2023-05-19 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-05-19 placement-disadvantaged-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-05-20 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-05-20 unit-visits-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-05-20 placement-2023 tjqg/CL OffTrack->AtRisk
        2023-05-20 placement-disadvantaged-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-05-20 placement-disadvantaged-2023 tjqg/YS OffTrack->AtRisk
        2023-05-21 placement-2023 tjqg/YS AtRisk->OffTrack
        2023-05-22 leadership-visits-2023 tjqg AtRisk->AtRisk reminder
        2023-05-22 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-05-22 placement-disadvantaged-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-05-22 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-05-23 unit-visits-2023 tjqg/CL OffTrack->AtRisk
        2023-05-23 placement-2023 tjqg/JG AtRisk->OffTrack
        2023-05-23 placement-disadvantaged-2023 tjqg/JG OffTrack->OffTrack reminder
        2023-05-26 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-05-26 placement-disadvantaged-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-05-27 leadership-visits-2023 tjqg AtRisk->OnTrack
        2023-05-27 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-05-27 placement-2023 tjqg/CL AtRisk->AtRisk reminder
        2023-05-27 placement-disadvantaged-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-05-27 placement-disadvantaged-2023 tjqg/YS AtRisk->AtRisk reminder
        2023-05-28 placement-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-05-29 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-05-29 placement-2023 tjqg OnTrack->AtRisk
        2023-05-29 placement-2023 tjqg/RG OnTrack->AtRisk
        2023-05-29 placement-disadvantaged-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-05-29 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-05-30 unit-visits-2023 tjqg/CL AtRisk->AtRisk reminder
        2023-05-30 placement-2023 tjqg/JG OffTrack->OffTrack reminder
        2023-05-30 placement-disadvantaged-2023 tjqg/JG OffTrack->OffTrack reminder
        2023-05-31 placement-2023 tjqg/DZ OnTrack->AtRisk
        2023-05-31 placement-disadvantaged-2023 tjqg/YS AtRisk->OffTrack
        2023-06-02 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-06-02 placement-disadvantaged-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-06-03 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-06-03 placement-2023 tjqg/CL AtRisk->AtRisk reminder
        2023-06-03 placement-disadvantaged-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-06-04 placement-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-06-05 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-06-05 unit-visits-2023 tjqg/CL AtRisk->OnTrack
        2023-06-05 placement-2023 tjqg AtRisk->AtRisk reminder
        2023-06-05 placement-2023 tjqg/RG AtRisk->AtRisk reminder
        2023-06-05 placement-disadvantaged-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-06-05 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-06-06 placement-2023 tjqg/JG OffTrack->OffTrack reminder
        2023-06-06 placement-disadvantaged-2023 tjqg/JG OffTrack->OffTrack reminder
        2023-06-07 placement-2023 tjqg/DZ AtRisk->AtRisk reminder
        2023-06-07 placement-disadvantaged-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-06-09 placement-2023 tjqg/JG OffTrack->AtRisk
        2023-06-09 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-06-09 placement-disadvantaged-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-06-09 placement-disadvantaged-2023 tjqg/JG OffTrack->AtRisk
        2023-06-10 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-06-10 placement-2023 tjqg/CL AtRisk->AtRisk reminder
        2023-06-10 placement-disadvantaged-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-06-11 placement-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-06-11 placement-disadvantaged-2023 tjqg/JG AtRisk->OnTrack
        2023-06-12 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-06-12 placement-2023 tjqg AtRisk->AtRisk reminder
        2023-06-12 placement-2023 tjqg/RG AtRisk->AtRisk reminder
        2023-06-12 placement-disadvantaged-2023 tjqg/JX OnTrack->AtRisk
        2023-06-12 placement-disadvantaged-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-06-12 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-06-14 placement-2023 tjqg/DZ AtRisk->AtRisk reminder
        2023-06-14 placement-disadvantaged-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-06-15 placement-disadvantaged-2023 tjqg/YS OffTrack->AtRisk
        2023-06-16 placement-2023 tjqg/JG AtRisk->AtRisk reminder
        2023-06-16 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-06-16 placement-disadvantaged-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-06-17 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-06-17 placement-2023 tjqg/CL AtRisk->AtRisk reminder
        2023-06-17 placement-disadvantaged-2023 tjqg/RG OffTrack->OffTrack reminder
        2023-06-18 placement-2023 tjqg/XN OnTrack->AtRisk
        2023-06-18 placement-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-06-19 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-06-19 placement-2023 tjqg AtRisk->AtRisk reminder
        2023-06-19 placement-2023 tjqg/RG AtRisk->AtRisk reminder
        2023-06-19 placement-2023 tjqg/YS OffTrack->AtRisk
        2023-06-19 placement-disadvantaged-2023 tjqg/JX AtRisk->AtRisk reminder
        2023-06-19 placement-disadvantaged-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-06-19 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-06-20 placement-2023 tjqg/CL AtRisk->OffTrack
        2023-06-21 placement-2023 tjqg/DZ AtRisk->AtRisk reminder
        2023-06-22 placement-2023 tjqg/DZ AtRisk->OnTrack
        2023-06-22 placement-disadvantaged-2023 tjqg/RG OffTrack->AtRisk
        2023-06-22 placement-disadvantaged-2023 tjqg/YS AtRisk->AtRisk reminder
        2023-06-23 placement-2023 tjqg/JG AtRisk->AtRisk reminder
        2023-06-23 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-06-23 placement-disadvantaged-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-06-24 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-06-25 placement-2023 tjqg/RG AtRisk->OffTrack
        2023-06-25 placement-2023 tjqg/XN AtRisk->AtRisk reminder
        2023-06-25 placement-disadvantaged-2023 tjqg/XN OffTrack->AtRisk
        2023-06-26 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-06-26 placement-2023 tjqg AtRisk->AtRisk reminder
        2023-06-26 placement-2023 tjqg/YS AtRisk->AtRisk reminder
        2023-06-26 placement-disadvantaged-2023 tjqg/JX AtRisk->AtRisk reminder
        2023-06-26 placement-disadvantaged-2023 tjqg/DZ OffTrack->AtRisk
        2023-06-26 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-06-27 placement-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-06-27 placement-disadvantaged-2023 tjqg/JX AtRisk->OffTrack
        2023-06-27 placement-disadvantaged-2023 tjqg/DZ AtRisk->OnTrack
        2023-06-27 placement-disadvantaged-2023 tjqg/JG OnTrack->AtRisk
        2023-06-29 placement-disadvantaged-2023 tjqg/RG AtRisk->AtRisk reminder
        2023-06-29 placement-disadvantaged-2023 tjqg/YS AtRisk->OffTrack
        2023-06-30 placement-2023 tjqg/XN AtRisk->OnTrack
        2023-06-30 placement-2023 tjqg/JG AtRisk->AtRisk reminder
        2023-06-30 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-06-30 placement-disadvantaged-2023 tjqg/RG AtRisk->OnTrack
        2023-07-01 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-07-01 placement-2023 tjqg/YS AtRisk->OnTrack
        2023-07-02 placement-2023 tjqg AtRisk->OnTrack
        2023-07-02 placement-2023 tjqg/RG OffTrack->AtRisk
        2023-07-02 placement-disadvantaged-2023 tjqg/XN AtRisk->AtRisk reminder
        2023-07-03 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-07-03 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-07-03 placement-disadvantaged-2023 tjqg/YS OffTrack->AtRisk
        2023-07-04 placement-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-07-04 placement-disadvantaged-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-07-04 placement-disadvantaged-2023 tjqg/JG AtRisk->AtRisk reminder
        2023-07-06 placement-2023 tjqg/CL OffTrack->AtRisk
        2023-07-07 placement-2023 tjqg/JG AtRisk->AtRisk reminder
        2023-07-07 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-07-08 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-07-09 placement-2023 tjqg/RG AtRisk->AtRisk reminder
        2023-07-09 placement-2023 tjqg/XN OnTrack->AtRisk
        2023-07-09 placement-disadvantaged-2023 tjqg/XN AtRisk->AtRisk reminder
        2023-07-10 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-07-10 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-07-10 placement-disadvantaged-2023 tjqg/YS AtRisk->AtRisk reminder
        2023-07-11 placement-disadvantaged-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-07-11 placement-disadvantaged-2023 tjqg/JG AtRisk->AtRisk reminder
        2023-07-13 placement-2023 tjqg/CL AtRisk->AtRisk reminder
        2023-07-14 placement-2023 tjqg/CL AtRisk->OnTrack
        2023-07-14 placement-2023 tjqg/JG AtRisk->AtRisk reminder
        2023-07-14 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-07-15 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-07-16 placement-2023 tjqg/RG AtRisk->AtRisk reminder
        2023-07-16 placement-2023 tjqg/XN AtRisk->AtRisk reminder
        2023-07-16 placement-disadvantaged-2023 tjqg/XN AtRisk->AtRisk reminder
        2023-07-16 placement-disadvantaged-2023 tjqg/YS AtRisk->OnTrack
        2023-07-17 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-07-17 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-07-18 placement-disadvantaged-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-07-18 placement-disadvantaged-2023 tjqg/JG AtRisk->AtRisk reminder
        2023-07-21 placement-2023 tjqg/JG AtRisk->AtRisk reminder
        2023-07-21 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-07-22 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-07-23 placement-2023 tjqg/RG AtRisk->AtRisk reminder
        2023-07-23 placement-2023 tjqg/XN AtRisk->AtRisk reminder
        2023-07-23 placement-disadvantaged-2023 tjqg/XN AtRisk->AtRisk reminder
        2023-07-24 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-07-24 placement-2023 tjqg OnTrack->AtRisk
        2023-07-24 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-07-24 placement-disadvantaged-2023 tjqg/JG AtRisk->OnTrack
        2023-07-25 placement-disadvantaged-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-07-28 placement-2023 tjqg/JG AtRisk->AtRisk reminder
        2023-07-28 placement-2023 tjqg/YS OnTrack->AtRisk
        2023-07-28 placement-disadvantaged-2023 tjqg OffTrack->OffTrack reminder
        2023-07-29 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-07-30 placement-2023 tjqg/RG AtRisk->AtRisk reminder
        2023-07-30 placement-2023 tjqg/XN AtRisk->AtRisk reminder
        2023-07-30 placement-disadvantaged-2023 tjqg/XN AtRisk->AtRisk reminder
        2023-07-31 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-07-31 placement-2023 tjqg AtRisk->AtRisk reminder
        2023-07-31 placement-disadvantaged-2023 tjqg/CL OffTrack->OffTrack reminder
        2023-08-01 unit-visits-2023 tjqg/ZJ OnTrack->Met
        2023-08-01 placement-disadvantaged-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-08-02 placement-disadvantaged-2023 tjqg OffTrack->AtRisk
        2023-08-03 placement-disadvantaged-2023 tjqg/CL OffTrack->AtRisk
        2023-08-04 placement-2023 tjqg/XN AtRisk->OffTrack
        2023-08-04 placement-2023 tjqg/JG AtRisk->AtRisk reminder
        2023-08-04 placement-2023 tjqg/YS AtRisk->AtRisk reminder
        2023-08-05 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-08-06 placement-2023 tjqg/RG AtRisk->AtRisk reminder
        2023-08-06 placement-disadvantaged-2023 tjqg/XN AtRisk->AtRisk reminder
        2023-08-07 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-08-07 placement-2023 tjqg AtRisk->AtRisk reminder
        2023-08-07 placement-2023 tjqg/YS AtRisk->OnTrack
        2023-08-07 placement-disadvantaged-2023 tjqg/XN AtRisk->OffTrack
        2023-08-08 placement-disadvantaged-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-08-08 placement-disadvantaged-2023 tjqg/CL AtRisk->OnTrack
        2023-08-09 placement-disadvantaged-2023 tjqg AtRisk->AtRisk reminder
        2023-08-11 placement-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-08-11 placement-2023 tjqg/JG AtRisk->AtRisk reminder
        2023-08-12 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-08-13 placement-2023 tjqg/RG AtRisk->AtRisk reminder
        2023-08-14 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-08-14 placement-2023 tjqg AtRisk->AtRisk reminder
        2023-08-14 placement-disadvantaged-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-08-15 placement-disadvantaged-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-08-16 placement-disadvantaged-2023 tjqg AtRisk->AtRisk reminder
        2023-08-18 placement-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-08-18 placement-2023 tjqg/JG AtRisk->AtRisk reminder
        2023-08-19 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-08-19 placement-disadvantaged-2023 tjqg/YS OnTrack->AtRisk
        2023-08-20 placement-2023 tjqg/RG AtRisk->AtRisk reminder
        2023-08-20 placement-disadvantaged-2023 tjqg/YS AtRisk->OffTrack
        2023-08-21 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-08-21 placement-2023 tjqg AtRisk->AtRisk reminder
        2023-08-21 placement-disadvantaged-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-08-22 placement-disadvantaged-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-08-23 placement-2023 tjqg/JG AtRisk->OnTrack
        2023-08-23 placement-disadvantaged-2023 tjqg AtRisk->AtRisk reminder
        2023-08-23 placement-disadvantaged-2023 tjqg/JX OffTrack->AtRisk
        2023-08-25 placement-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-08-26 leadership-visits-2023 tjqg OnTrack->OffTrack
        2023-08-26 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-08-27 leadership-visits-2023 tjqg OffTrack->AtRisk
        2023-08-27 placement-2023 tjqg/RG AtRisk->OnTrack
        2023-08-27 placement-disadvantaged-2023 tjqg AtRisk->OffTrack
        2023-08-27 placement-disadvantaged-2023 tjqg/YS OffTrack->OffTrack reminder
        2023-08-28 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-08-28 placement-2023 tjqg AtRisk->AtRisk reminder
        2023-08-28 placement-2023 tjqg/YS OnTrack->AtRisk
        2023-08-28 placement-disadvantaged-2023 tjqg/JX AtRisk->OffTrack
        2023-08-28 placement-disadvantaged-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-08-29 leadership-visits-2023 tjqg AtRisk->OffTrack
        2023-08-30 placement-2023 tjqg/YS AtRisk->OffTrack
        2023-08-30 placement-disadvantaged-2023 tjqg/JX OffTrack->AtRisk
        2023-09-01 unit-visits-2023 tjqg/JX OnTrack->OffTrack
        2023-09-01 placement-2023 tjqg AtRisk->Met
        2023-09-01 placement-2023 tjqg/JX OnTrack->Met
        2023-09-01 placement-2023 tjqg/DZ OnTrack->Met
        2023-09-01 placement-2023 tjqg/RG OnTrack->Met
        2023-09-01 placement-2023 tjqg/XN OffTrack->Missed
        2023-09-01 placement-2023 tjqg/CL OnTrack->Met
        2023-09-01 placement-2023 tjqg/JG OnTrack->Met
        2023-09-01 placement-2023 tjqg/YS OffTrack->Missed
        2023-09-01 placement-disadvantaged-2023 tjqg OffTrack->Missed
        2023-09-01 placement-disadvantaged-2023 tjqg/JX AtRisk->Missed
        2023-09-01 placement-disadvantaged-2023 tjqg/DZ OnTrack->Met
        2023-09-01 placement-disadvantaged-2023 tjqg/RG OnTrack->Met
        2023-09-01 placement-disadvantaged-2023 tjqg/XN OffTrack->Missed
        2023-09-01 placement-disadvantaged-2023 tjqg/CL OnTrack->Met
        2023-09-01 placement-disadvantaged-2023 tjqg/JG OnTrack->Missed
        2023-09-01 placement-disadvantaged-2023 tjqg/YS OffTrack->Missed
        2023-09-02 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-09-04 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-09-05 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-09-08 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-09-09 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-09-10 unit-visits-2023 tjqg/YS OnTrack->Met
        2023-09-11 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-09-12 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-09-15 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-09-15 unit-visits-2023 tjqg/XN OffTrack->AtRisk
        2023-09-18 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-09-19 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-09-22 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-09-22 unit-visits-2023 tjqg/XN AtRisk->AtRisk reminder
        2023-09-25 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-09-26 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-09-29 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-09-29 unit-visits-2023 tjqg/XN AtRisk->AtRisk reminder
        2023-10-02 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-10-03 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-10-05 unit-visits-2023 tjqg/XN AtRisk->OffTrack
        2023-10-06 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-10-09 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-10-10 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-10-12 unit-visits-2023 tjqg/XN OffTrack->AtRisk
        2023-10-13 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-10-16 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-10-17 leadership-visits-2023 tjqg OffTrack->OffTrack reminder
        2023-10-17 unit-visits-2023 tjqg/JG OnTrack->Met
        2023-10-18 leadership-visits-2023 tjqg OffTrack->AtRisk
        2023-10-19 unit-visits-2023 tjqg/XN AtRisk->OffTrack
        2023-10-20 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-10-23 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-10-25 leadership-visits-2023 tjqg AtRisk->AtRisk reminder
        2023-10-26 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-10-27 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-10-30 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-11-01 leadership-visits-2023 tjqg AtRisk->AtRisk reminder
        2023-11-02 unit-visits-2023 tjqg/RG OnTrack->Met
        2023-11-02 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-11-03 unit-visits-2023 tjqg/JX OffTrack->OffTrack reminder
        2023-11-06 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-11-07 unit-visits-2023 tjqg/JX OffTrack->AtRisk
        2023-11-08 leadership-visits-2023 tjqg AtRisk->AtRisk reminder
        2023-11-09 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-11-10 unit-visits-2023 tjqg/JX AtRisk->OnTrack
        2023-11-13 unit-visits-2023 tjqg/DZ OffTrack->OffTrack reminder
        2023-11-14 unit-visits-2023 tjqg/CL OnTrack->Met
        2023-11-15 leadership-visits-2023 tjqg AtRisk->OffTrack
        2023-11-16 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-11-19 unit-visits-2023 tjqg/DZ OffTrack->AtRisk
        2023-11-22 leadership-visits-2023 tjqg OffTrack->AtRisk
        2023-11-23 unit-visits-2023 tjqg/DZ AtRisk->OnTrack
        2023-11-23 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-11-24 unit-visits-2023 tjqg/XN OffTrack->AtRisk
        2023-11-25 unit-visits-2023 tjqg OnTrack->Met
        2023-11-29 leadership-visits-2023 tjqg AtRisk->AtRisk reminder
        2023-11-30 leadership-visits-2023 tjqg AtRisk->OnTrack
        2023-12-01 unit-visits-2023 tjqg/XN AtRisk->AtRisk reminder
        2023-12-04 unit-visits-2023 tjqg/XN AtRisk->OffTrack
        2023-12-11 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-12-13 unit-visits-2023 tjqg/JX OnTrack->Met
        2023-12-13 unit-visits-2023 tjqg/XN OffTrack->AtRisk
        2023-12-16 unit-visits-2023 tjqg/DZ OnTrack->Met
        2023-12-17 unit-visits-2023 tjqg/XN AtRisk->OffTrack
        2023-12-24 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2023-12-25 leadership-visits-2023 tjqg OnTrack->Met
        2023-12-31 unit-visits-2023 tjqg/XN OffTrack->OffTrack reminder
        2024-01-01 unit-visits-2023 tjqg/XN OffTrack->Missed
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
