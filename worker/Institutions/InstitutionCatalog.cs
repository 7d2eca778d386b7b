using System.Text.Json;

using Monitor.Worker.Settings;

namespace Monitor.Worker.Institutions;

/// <summary>The institutions this worker serves, loaded once at start-up from the institutions file.</summary>
public sealed class InstitutionCatalog
{
    private readonly Dictionary<string, Institution> _byId;

    public InstitutionCatalog(IEnumerable<Institution> institutions) =>
        _byId = institutions.ToDictionary(i => i.Id, StringComparer.Ordinal);

    public IReadOnlyCollection<Institution> All => _byId.Values;

    public Institution? Find(string? id) => id is not null && _byId.TryGetValue(id, out var institution) ? institution : null;

    /// <summary>Reads and validates the institutions file; every problem is reported with the file and the JSON path.</summary>
    public static InstitutionCatalog Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"Institutions file not found: {path}. Set Monitor:InstitutionsFile to the file's path.");
        }

        InstitutionsFile? file;
        try
        {
            file = JsonSerializer.Deserialize<InstitutionsFile>(File.ReadAllText(path), SeedJson.Options);
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"{path}: not valid JSON at {ex.Path} (line {ex.LineNumber + 1}): {ex.Message}");
        }

        var errors = new List<string>();
        var institutions = new List<Institution>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var zones = new Dictionary<string, TimeZoneInfo?>(StringComparer.Ordinal);
        var list = file?.Institutions ?? [];
        if (list.Count == 0)
        {
            errors.Add("institutions: at least one institution is required");
        }

        for (var i = 0; i < list.Count; i++)
        {
            var entry = list[i];
            var at = $"institutions[{i}]";
            if (string.IsNullOrWhiteSpace(entry.Id))
            {
                errors.Add($"{at}.id: required");
            }
            else if (ids.Contains(entry.Id))
            {
                errors.Add($"{at}.id: '{entry.Id}' appears twice");
            }

            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                errors.Add($"{at}.name: required");
            }

            var zoneId = entry.TimeZone ?? "Asia/Shanghai";
            if (!zones.TryGetValue(zoneId, out var zone))
            {
                zone = FindZone(zoneId);
                zones.Add(zoneId, zone);
            }

            if (zone is null)
            {
                errors.Add($"{at}.timeZone: '{entry.TimeZone}' is not a known time zone (use an IANA name such as Asia/Shanghai)");
            }

            var units = new List<Unit>();
            var codes = new HashSet<string>(StringComparer.Ordinal);
            var unitEntries = entry.Units ?? [];
            for (var u = 0; u < unitEntries.Count; u++)
            {
                var unit = unitEntries[u];
                if (string.IsNullOrWhiteSpace(unit.Code) || string.IsNullOrWhiteSpace(unit.Name))
                {
                    errors.Add($"{at}.units[{u}]: code and name are required");
                }
                else if (!codes.Add(unit.Code))
                {
                    errors.Add($"{at}.units[{u}].code: '{unit.Code}' appears twice");
                }
                else
                {
                    units.Add(new Unit(unit.Code, unit.Name));
                }
            }

            if (zone is not null && !string.IsNullOrWhiteSpace(entry.Id) && !string.IsNullOrWhiteSpace(entry.Name))
            {
                ids.Add(entry.Id);
                institutions.Add(new Institution(entry.Id, entry.Name, entry.ShortName ?? entry.Name, zone, units));
            }
        }

        return errors.Count > 0
            ? throw new ConfigurationException($"{path} has {errors.Count} error(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors))
            : new InstitutionCatalog(institutions);
    }

    private static TimeZoneInfo? FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
    }

    private sealed record InstitutionsFile(List<InstitutionEntry>? Institutions);

    private sealed record InstitutionEntry(string? Id, string? Name, string? ShortName, string? TimeZone, List<UnitEntry>? Units);

    private sealed record UnitEntry(string? Code, string? Name);
}
