using System.Globalization;
using System.Text;

namespace Monitor.Worker.Inbound;

/// <summary>
/// A value from a producer, as rejections, logs and fault headers quote it: in quotes, cut after a few dozen characters
/// with its whole length said, and with control, format and unpaired surrogate characters written as <c>\uXXXX</c>, so a
/// 10 MB value or a terminal escape sequence never reaches a log line or a leader's screen.
/// </summary>
public static class Excerpt
{
    public const int DefaultLength = 40;

    public static string Quote(string? value, int maxLength = DefaultLength)
    {
        if (value is null)
        {
            return "null";
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength) + 2).Append('\'');
        var shown = 0;
        for (var i = 0; i < value.Length && shown < maxLength; i++, shown++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else if (IsHidden(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        if (shown < CountCharacters(value))
        {
            return builder.Append(CultureInfo.InvariantCulture, $"…' ({value.Length:N0} characters)").ToString();
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>A control or format character (bidirectional overrides included), or half of a broken surrogate pair.</summary>
    public static bool IsHidden(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    private static int CountCharacters(string value)
    {
        var count = 0;
        for (var i = 0; i < value.Length; i++, count++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
        }

        return count;
    }
}
