using System.Globalization;
using System.Text;

namespace Monitor.Worker.Delivery;

/// <summary>Cuts text to a number of UTF-8 bytes without splitting a character (a Chinese character is 3 bytes, an emoji 4).</summary>
public static class Utf8Text
{
    public static int ByteCount(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>
    /// <paramref name="text"/> as is when it fits in <paramref name="maxBytes"/>; otherwise as many whole text elements
    /// (characters, surrogate pairs and combining sequences kept together) as fit with <paramref name="marker"/> after them.
    /// </summary>
    public static string Truncate(string text, int maxBytes, string marker)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(marker);
        if (ByteCount(text) <= maxBytes)
        {
            return text;
        }

        var budget = maxBytes - ByteCount(marker);
        if (budget < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "The limit is smaller than the truncation marker.");
        }

        var used = 0;
        var end = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var size = ByteCount(element);
            if (used + size > budget)
            {
                break;
            }

            used += size;
            end = elements.ElementIndex + element.Length;
        }

        return string.Concat(text.AsSpan(0, end), marker);
    }
}
