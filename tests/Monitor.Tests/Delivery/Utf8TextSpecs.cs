using System.Text;
using Monitor.Worker.Delivery;

namespace Monitor.Tests.Delivery;

public class Utf8TextSpecs
{
    [Fact]
    public void When_text_is_within_the_limit_should_keep_it_as_is()
    {
        var text = new string('走', 1365); // 4,095 bytes
        Assert.Same(text, Utf8Text.Truncate(text, 4096, "…"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void When_Chinese_text_is_cut_should_cut_between_characters_never_inside_one(int asciiPrefix)
    {
        // Each 访 is 3 bytes; an ASCII prefix moves the character boundaries against the limit.
        var text = new string('a', asciiPrefix) + new string('访', 2000);
        const string marker = "\n…（内容过长，已截断）";

        var cut = Utf8Text.Truncate(text, 4096, marker);

        var bytes = Encoding.UTF8.GetByteCount(cut);
        Assert.InRange(bytes, 4096 - 3 + 1, 4096);
        Assert.EndsWith(marker, cut, StringComparison.Ordinal);
        var kept = cut[..^marker.Length];
        Assert.Equal(text[..kept.Length], kept);
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(cut)));
    }

    [Fact]
    public void When_text_with_an_emoji_is_cut_should_never_split_it_into_half_a_surrogate_pair()
    {
        var text = string.Concat(Enumerable.Repeat("🔴严", 600)); // 7 bytes a pair
        var cut = Utf8Text.Truncate(text, 100, "…");

        Assert.True(Encoding.UTF8.GetByteCount(cut) <= 100);
        Assert.False(char.IsHighSurrogate(cut[^2]));
        Assert.Equal(cut, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(cut)));
    }
}
