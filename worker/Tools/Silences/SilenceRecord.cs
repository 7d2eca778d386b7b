using Monitor.Worker.Alerts;
using Monitor.Worker.Institutions;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Tools.Silences;

/// <summary>One silence as <c>silence list --json</c> writes it (camelCase). Fields are added, never renamed.</summary>
/// <param name="Covers">What it covers, in words (<see cref="SilenceText.Covers"/>).</param>
/// <param name="State"><c>active</c>, <c>ended</c> or <c>removed</c>.</param>
public sealed record SilenceRecord(
    long Id,
    string InstitutionId,
    string? UnitCode,
    string? TargetId,
    string Covers,
    DateTimeOffset EndsAt,
    string Reason,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RemovedAt,
    string? RemovedBy,
    string State)
{
    public static SilenceRecord From(Silence silence, DateTimeOffset now, InstitutionCatalog institutions, TargetCatalog targets, string language)
    {
        ArgumentNullException.ThrowIfNull(silence);
        return new SilenceRecord(
            silence.Id,
            silence.InstitutionId,
            silence.UnitCode,
            silence.TargetId,
            SilenceText.Covers(silence, institutions, targets, language),
            silence.EndsAt,
            silence.Reason,
            silence.CreatedBy,
            silence.CreatedAt,
            silence.RemovedAt,
            silence.RemovedBy,
            silence.RemovedAt is not null ? "removed" : silence.IsActive(now) ? "active" : "ended");
    }
}
