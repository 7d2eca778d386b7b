namespace Monitor.Tests.Support;

/// <summary>A temporary folder for files a spec writes; removed when the spec ends.</summary>
public sealed class TempFiles : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-tests-").FullName;

    /// <summary>A path in the folder, for a file the spec writes itself.</summary>
    public string Path(string name) => System.IO.Path.Combine(_folder, name);

    public string Write(string name, string content)
    {
        var path = System.IO.Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public string Write(string name, byte[] content)
    {
        var path = System.IO.Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
