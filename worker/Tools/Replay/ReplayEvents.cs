using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Institutions;

namespace Monitor.Worker.Tools.Replay;

/// <summary>
/// Dates the events of a replay. A visit arrives at the end of its visit date (it is reported once it happened); a
/// destination report at its <c>reportedAt</c>; roster events and cancellations carry no date and arrive before the
/// first evaluation — unless a line of an events file gives its own date (<c>"on"</c>), which counts like a visit date.
/// </summary>
public static class ReplayEvents
{
    /// <summary>The message types an events file may hold, by the name of their contract.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Types = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [nameof(EnterpriseVisitRecorded)] = typeof(EnterpriseVisitRecorded),
        [nameof(EnterpriseVisitCancelled)] = typeof(EnterpriseVisitCancelled),
        [nameof(GraduateRegistered)] = typeof(GraduateRegistered),
        [nameof(GraduateWithdrawn)] = typeof(GraduateWithdrawn),
        [nameof(GraduateDestinationReported)] = typeof(GraduateDestinationReported),
    };

    // As the bus reads them: a value member left out (tier, a date, a count) is an error, not a default.
    private static readonly JsonSerializerOptions Json = RequiredMembers.Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>
    /// Reads an events file in JSON Lines: one object per line, <c>{"type": "EnterpriseVisitRecorded", "on": "2024-03-12",
    /// "message": {…}}</c>, where <c>on</c> is optional and <c>message</c> is the contract's JSON as producers send it.
    /// Blank lines and lines starting with <c>#</c> are skipped. Every bad line is reported, with its number. A file whose
    /// name ends in <c>.gz</c> is read through gzip.
    /// </summary>
    public static IReadOnlyList<ReplayEvent> FromJsonLines(string path, InstitutionCatalog institutions, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(institutions);
        ArgumentNullException.ThrowIfNull(errors);
        var events = new List<ReplayEvent>();
        var number = 0;
        foreach (var line in Lines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var where = $"{path} line {number}";
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{where}: not a JSON object");
                    continue;
                }

                if (!TryString(root, "type", out var typeName) || typeName is null)
                {
                    errors.Add($"{where}: \"type\" is required ({string.Join(", ", Types.Keys)})");
                    continue;
                }

                if (!Types.TryGetValue(typeName, out var type))
                {
                    errors.Add(typeName == nameof(EvaluationRequested)
                        ? $"{where}: EvaluationRequested is not replayed (the replay evaluates once a day by itself)"
                        : $"{where}: type '{typeName}' is not an inbound event ({string.Join(", ", Types.Keys)})");
                    continue;
                }

                DateOnly? on = null;
                if (TryString(root, "on", out var onText) && onText is not null)
                {
                    if (!DateOnly.TryParseExact(onText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                    {
                        errors.Add($"{where}: \"on\": '{onText}' is not a date yyyy-MM-dd");
                        continue;
                    }

                    on = parsed;
                }

                if (!root.TryGetProperty("message", out var body) || body.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{where}: \"message\" is required: the {typeName} as a JSON object");
                    continue;
                }

                var message = body.Deserialize(type, Json)!;
                var institution = institutions.Find(InstitutionOf(message)) ?? institutions.All.First();
                events.Add(new ReplayEvent(message, ArrivalOf(message, on, institution), where));
            }
            catch (JsonException ex)
            {
                errors.Add($"{where}: {ex.Message}");
            }
        }

        return events;
    }

    /// <summary>The file's lines, through gzip when its name ends in .gz (a year of events compresses twenty-fold).</summary>
    private static IEnumerable<string> Lines(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var line in File.ReadLines(path))
            {
                yield return line;
            }

            yield break;
        }

        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    /// <summary>When an event reaches the worker (null: before the first evaluation).</summary>
    public static DateTimeOffset? ArrivalOf(object message, DateOnly? on, Institution institution)
    {
        ArgumentNullException.ThrowIfNull(institution);
        var date = on ?? (message as EnterpriseVisitRecorded)?.VisitedOn;
        if (date is { } day)
        {
            // The end of the day: counted by the first evaluation after it.
            return StartOf(day.AddDays(1), institution);
        }

        return message is GraduateDestinationReported report ? report.ReportedAt : null;
    }

    /// <summary>Midnight at the start of <paramref name="day"/> in the institution's time zone.</summary>
    public static DateTimeOffset StartOf(DateOnly day, Institution institution) => institution.StartOf(day);

    /// <summary>A local time on a local date in the institution's time zone, as an instant.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time, Institution institution) => institution.At(day, time);

    private static string? InstitutionOf(object message) => message switch
    {
        EnterpriseVisitRecorded m => m.InstitutionId,
        EnterpriseVisitCancelled m => m.InstitutionId,
        GraduateRegistered m => m.InstitutionId,
        GraduateWithdrawn m => m.InstitutionId,
        GraduateDestinationReported m => m.InstitutionId,
        _ => null,
    };

    private static bool TryString(JsonElement root, string name, out string? value)
    {
        value = null;
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                return true;
            }
        }

        return false;
    }
}
