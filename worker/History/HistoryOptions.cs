using System.ComponentModel.DataAnnotations;
using Monitor.Worker.Settings;

namespace Monitor.Worker.History;

/// <summary>How long the daily figures are kept (section "Monitor:History").</summary>
public sealed class HistoryOptions
{
    public const string SectionName = MonitorOptions.SectionName + ":History";

    /// <summary>Default: two academic years and a margin, so this year's chart can be drawn beside last year's.</summary>
    public const int DefaultKeepDays = 800;

    /// <summary>Days of history kept; rows of older days are deleted once a day. 0 keeps every row.</summary>
    [Range(0, 36_500, ErrorMessage = "Monitor:History:KeepDays must be between 0 and 36500: the days of daily figures kept (default 800, two academic years and a margin; 0 keeps them forever).")]
    public int KeepDays { get; set; } = DefaultKeepDays;

    /// <summary>Binds and validates the section now; a wrong setting is a <see cref="ConfigurationException"/> that names the key.</summary>
    public static HistoryOptions Read(IConfiguration configuration) =>
        SettingsSection.Read<HistoryOptions>(
            configuration,
            SectionName,
            ex => $"Monitor:History:KeepDays cannot be read: {ex.Message} (a whole number of days, e.g. 800; 0 keeps the history forever)");
}
