using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.Targets;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Monitor.Worker.Tools.Status;

/// <summary>Every target's figures, one table per target with a row per scope, coloured by status.</summary>
public static class StatusBoard
{
    /// <param name="evaluations">The rows, grouped into a table per target.</param>
    /// <param name="language">zh-CN or en.</param>
    /// <param name="silenced">Whether a silence covers the row (its status is marked 🔕).</param>
    public static IRenderable Render(IReadOnlyList<ScopeEvaluation> evaluations, string language, Func<ScopeEvaluation, bool>? silenced = null)
    {
        var english = Wording.IsEnglish(language);
        var tables = new List<IRenderable>();
        foreach (var group in evaluations.GroupBy(e => e.Target.Id))
        {
            var target = group.First().Target;
            var unit = target.IsRate ? "%" : string.Empty;
            var title = $"{(target.Label is null ? string.Empty : $"[{target.Label}] ")}{target.Name} ≥ {Wording.PlainNumber(target.Threshold)}{unit} · {(english ? "deadline" : "截止")} {target.Deadline:yyyy-MM-dd}";
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
            foreach (var column in english
                ? new[] { "Scope", "Actual", "Expected", "Forecast", "Target", "Status" }
                : ["范围", "实际", "按进度应达", "预测", "目标值", "状态"])
            {
                table.AddColumn(column);
            }

            foreach (var e in group)
            {
                var a = e.Assessment;
                table.AddRow(
                    Markup.Escape(e.UnitCode is null ? e.ScopeName : "└ " + e.ScopeName),
                    Markup.Escape(Wording.PlainNumber(a.Actual) + unit + (a.Numerator is not null ? $" ({a.Numerator}/{a.Denominator})" : string.Empty)),
                    a.ExpectedByNow is { } expected ? Wording.PlainNumber(expected) + unit : "-",
                    a.Forecast is { } forecast ? $"{Wording.PlainNumber(forecast)}{unit} ({Wording.PlainNumber(a.ForecastLow ?? forecast)}–{Wording.PlainNumber(a.ForecastHigh ?? forecast)})" : "-",
                    Wording.PlainNumber(a.Threshold) + unit,
                    $"[{Colour(e.AnnouncedStatus)}]{Markup.Escape(Wording.StatusName(e.AnnouncedStatus, language))}[/]{(silenced?.Invoke(e) == true ? " 🔕" : string.Empty)}");
            }

            tables.Add(table);
        }

        return new Rows(tables);
    }

    public static string Colour(TargetStatus status) => Wording.StatusColour(status);

}
