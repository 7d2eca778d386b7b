namespace Monitor.Worker.Tools.Import;

/// <summary>A file's size and last write time, to notice a file changed between the validation and the publishing pass.</summary>
internal sealed record FileStamp(long Length, DateTime LastWriteUtc)
{
    public static FileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return new FileStamp(info.Length, info.LastWriteTimeUtc);
    }
}
