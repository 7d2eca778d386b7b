using System.Globalization;
using Monitor.Worker.Institutions;

namespace Monitor.Worker.Inbound;

/// <summary>
/// Checks every inbound event makes the same way, before anything is stored: producer ids, the institution and its
/// units, and the limits of text fields. The import applies the same rules to its rows.
/// </summary>
public static class Fields
{
    /// <summary>visitId, reportId, graduateId.</summary>
    public const int MaxIdLength = 100;

    /// <summary>Employer names and majors (用人单位名称, 专业).</summary>
    public const int MaxNameLength = 200;

    /// <summary>The reason of a cancellation, withdrawal or reinstatement.</summary>
    public const int MaxReasonLength = 500;

    public static void Id(string? id, string field, List<string> errors) => Text(id, field, MaxIdLength, required: true, errors);

    /// <summary>
    /// A text member: present when <paramref name="required"/>, at most <paramref name="maxLength"/> characters, and
    /// without control characters (line breaks and tabs included), bidirectional overrides, non-characters or broken
    /// surrogate pairs — refused, never stripped, so what is stored is what was sent.
    /// </summary>
    public static void Text(string? value, string field, int maxLength, bool required, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add($"{field}: required");
            }

            return;
        }

        if (value.Length > maxLength)
        {
            errors.Add($"{field}: {value.Length:N0} characters, over the limit of {maxLength:N0} ({Excerpt.Quote(value)})");
            return;
        }

        if (ForbiddenCharacter(value) is { } at)
        {
            errors.Add($"{field}: contains U+{(int)value[at]:X4} ({Describe(value[at])}) at position {at + 1}, which is refused ({Excerpt.Quote(value)})");
        }
    }

    /// <summary>The index of the first character a text member may not hold, or null.</summary>
    public static int? ForbiddenCharacter(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || IsBidiControl(c) || c is '\uFFFE' or '\uFFFF')
            {
                return i;
            }
        }

        return null;
    }

    public static Institution? Institution(string? id, InstitutionCatalog institutions, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(institutions);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add("institutionId: required");
            return null;
        }

        var institution = id.Length <= MaxIdLength ? institutions.Find(id) : null;
        if (institution is null)
        {
            errors.Add($"institutionId: {Excerpt.Quote(id)} is not a configured institution");
        }

        return institution;
    }

    /// <summary>
    /// A unit of <paramref name="institution"/> by its code in any letter case ("rg" is RG), as the import reads it;
    /// consumers store the configured code. Null when absent or unknown (and then an error names the units).
    /// </summary>
    public static Unit? Unit(string? code, Institution? institution, string field, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(code) || institution is null)
        {
            return null;
        }

        var unit = FindUnit(institution, code);
        if (unit is null)
        {
            errors.Add($"{field}: {Excerpt.Quote(code)} is not a unit of {institution.Id} ({string.Join(", ", institution.Units.Select(u => u.Code))})");
        }

        return unit;
    }

    /// <summary>The unit with this code, exactly or else ignoring letter case.</summary>
    public static Unit? FindUnit(Institution institution, string? code)
    {
        ArgumentNullException.ThrowIfNull(institution);
        return code is null
            ? null
            : institution.FindUnit(code) ?? institution.Units.FirstOrDefault(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string Describe(char c) => c switch
    {
        '\0' => "a NUL character",
        '\t' => "a tab",
        '\n' or '\r' => "a line break",
        _ when char.IsSurrogate(c) => "half of a broken surrogate pair",
        _ when IsBidiControl(c) => "a bidirectional override",
        _ when char.IsControl(c) => "a control character",
        _ => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherNotAssigned ? "a non-character" : "a character not allowed in text",
    };
}
