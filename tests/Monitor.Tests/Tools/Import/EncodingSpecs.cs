using System.Text;
using Monitor.Tests.Support;
using Monitor.Worker.Tools.Import;

namespace Monitor.Tests.Tools.Import;

public sealed class EncodingSpecs : IDisposable
{
    private const string Text = "学号,毕业去向\n2024JX0001,签劳动合同\n";

    private readonly TempFiles files = new();

    [Fact]
    public void When_UTF8_has_no_byte_order_mark_should_detect_UTF8()
    {
        var encoding = CsvEncoding.Detect(files.Write("a.csv", Encoding.UTF8.GetBytes(Text)));

        Assert.Equal("UTF-8 (no byte order mark; the file is valid UTF-8)", encoding.Description);
    }

    [Fact]
    public void When_there_is_a_byte_order_mark_should_let_it_decide()
    {
        var utf8 = CsvEncoding.Detect(files.Write("b.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Text)]));
        var utf16 = CsvEncoding.Detect(files.Write("c.csv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Text)]));

        Assert.Equal("UTF-8 (with byte order mark)", utf8.Description);
        Assert.Equal("UTF-16 LE (with byte order mark)", utf16.Description);
    }

    [Fact]
    public void When_bytes_are_not_UTF8_should_read_GB18030_and_name_the_first_bad_byte()
    {
        var bytes = CsvEncoding.Gb18030.GetBytes(Text);

        var encoding = CsvEncoding.Detect(files.Write("d.csv", bytes));

        Assert.Equal("GB18030", encoding.Encoding.WebName.ToUpperInvariant());
        // 学 (D1 A7) happens to be a valid UTF-8 sequence; 号 (BA C5) is not.
        Assert.Equal($"GB18030 (not UTF-8: byte 2 is 0x{bytes[2]:X2})", encoding.Description);
    }

    [Fact]
    public void When_a_character_is_split_between_two_chunks_of_the_detection_should_still_detect_UTF8()
    {
        // 65,535 ASCII bytes, then a three-byte character across the 64 KiB boundary of the detection's reads.
        var bytes = Encoding.UTF8.GetBytes(new string('a', 65_535) + "中\n");

        var encoding = CsvEncoding.Detect(files.Write("e.csv", bytes));

        Assert.Equal("UTF-8 (no byte order mark; the file is valid UTF-8)", encoding.Description);
    }

    [Fact]
    public void When_the_encoding_option_is_given_should_skip_the_detection_and_refuse_an_unknown_name()
    {
        var path = files.Write("f.csv", Encoding.UTF8.GetBytes(Text));

        Assert.Equal("GB18030 (forced by --encoding)", CsvEncoding.Detect(path, "gb18030").Description);
        Assert.Equal("UTF-8 (forced by --encoding)", CsvEncoding.Detect(path, "UTF-8").Description);
        var error = Assert.Throws<ImportException>(() => CsvEncoding.Detect(path, "big5"));
        Assert.Equal("--encoding 'big5' is not supported: use utf-8 or gb18030.", error.Message);
    }

    public void Dispose() => files.Dispose();
}
