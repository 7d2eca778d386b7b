using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Monitor.Worker.Tools.Import;

/// <summary>How header names and the words of a spreadsheet are compared, and how its dates and numbers are read.</summary>
public static partial class ImportText
{
    private static readonly string[] DateFormats =
    [
        "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日",
        "yyyy-M-d H:mm", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm", "yyyy/M/d H:mm:ss", "yyyy-M-dTH:mm:ss",
    ];

    private static readonly string[] LocalTimeFormats =
    [
        "yyyy-M-d H:mm", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm", "yyyy/M/d H:mm:ss", "yyyy-M-dTH:mm", "yyyy-M-dTH:mm:ss",
        "yyyy-M-dTH:mm:ss.FFFFFFF", "yyyy年M月d日 H:mm", "yyyy年M月d日 H:mm:ss",
    ];

    /// <summary>
    /// A header name as it is matched: full-width characters made half-width, white space (full-width spaces too),
    /// '_', '-', '*' and a byte order mark removed, lower-cased. "Visit Date", "visit_date" and "ＶｉｓｉｔＤａｔｅ" all give "visitdate".
    /// </summary>
    public static string HeaderKey(string header) => Fold(header, static c => c is '_' or '-' or '*' or '\uFEFF');

    /// <summary>A cell word as it is matched against the Chinese and English values: like a header, and also without 、/()·, so "出国（境）" and "出国(境)" match.</summary>
    public static string WordKey(string value) => Fold(value, static c => c is '_' or '-' or '\uFEFF' or '、' or '/' or '(' or ')' or '·' or ',' or '.');

    /// <summary>
    /// A cell's text: trimmed (full-width spaces too), null when empty. A line break or tab inside a cell is layout
    /// (Alt+Enter in Excel) and becomes a space: the messages refuse control characters.
    /// </summary>
    public static string? Cell(string value)
    {
        var trimmed = LayoutWhiteSpace().Replace(value, " ").Trim().Trim('\uFEFF');
        return trimmed.Length == 0 ? null : trimmed;
    }

    public static bool TryDate(string value, out DateOnly date)
    {
        if (DateTime.TryParseExact(value.Normalize(NormalizationForm.FormKC), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed) && parsed.TimeOfDay == TimeSpan.Zero)
        {
            date = DateOnly.FromDateTime(parsed);
            return true;
        }

        date = default;
        return false;
    }

    /// <summary>A timestamp with an offset (ISO 8601), or a local date and time read in <paramref name="zone"/>.</summary>
    public static bool TryTimestamp(string value, TimeZoneInfo zone, out DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var text = value.Normalize(NormalizationForm.FormKC).Trim();
        if (HasOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out timestamp))
        {
            return true;
        }

        if (DateTime.TryParseExact(text, LocalTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            timestamp = Local(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), zone);
            return true;
        }

        if (TryDate(text, out var day))
        {
            timestamp = Local(day, TimeOnly.MinValue, zone);
            return true;
        }

        timestamp = default;
        return false;
    }

    /// <summary>A local date and time in <paramref name="zone"/> as an instant with that zone's offset.</summary>
    public static DateTimeOffset Local(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>
    /// A whole number, also written as "12.0" or with thousands separators in groups of three ("1,200"; "1,2" is
    /// refused rather than read as 12).
    /// </summary>
    public static bool TryWholeNumber(string value, out int number)
    {
        var text = value.Normalize(NormalizationForm.FormKC).Trim();
        if (text.Contains(',', StringComparison.Ordinal))
        {
            if (!GroupedThousands().IsMatch(text))
            {
                number = 0;
                return false;
            }

            text = text.Replace(",", string.Empty, StringComparison.Ordinal);
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)
            && parsed == decimal.Truncate(parsed) && parsed is >= int.MinValue and <= int.MaxValue)
        {
            number = (int)parsed;
            return true;
        }

        number = 0;
        return false;
    }

    /// <summary>
    /// A number of five whole digits, perhaps with a fraction, where a date was expected: what Excel writes for a date
    /// cell formatted as a number (45422 is 2024-05-10, 45422.5 its noon).
    /// </summary>
    public static bool LooksLikeExcelSerialDate(string value) => ExcelSerial().IsMatch(value.Normalize(NormalizationForm.FormKC).Trim());

    /// <summary>A cohort year: "2024", "2024届" or "2024级".</summary>
    public static bool TryCohort(string value, out int year) =>
        TryWholeNumber(value.Normalize(NormalizationForm.FormKC).Trim().TrimEnd('届', '级').Trim(), out year);

    /// <summary>Builds a lookup of words (<see cref="WordKey"/>) to values; every word must be unique.</summary>
    public static Dictionary<string, T> Words<T>(params (T Value, string[] Words)[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var lookup = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (value, words) in entries)
        {
            foreach (var word in words)
            {
                lookup.Add(WordKey(word), value);
            }
        }

        return lookup;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static string Fold(string text, Func<char, bool> drop)
    {
        var folded = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c) && !drop(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupedThousands();

    [GeneratedRegex(@"^[1-9][0-9]{4}(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ExcelSerial();

    [GeneratedRegex("[\\r\\n\\t]+")]
    private static partial Regex LayoutWhiteSpace();
}
