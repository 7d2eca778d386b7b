using System.Text.RegularExpressions;
using Monitor.Tests.Support;

namespace Monitor.Tests.Architecture;

/// <summary>
/// The worker's folders form one order, and a folder never uses one that comes later: the contracts, then the pure
/// domain, the features, evaluation, delivery and the web, the wiring, and the tools as an outer ring. A change that
/// makes a folder reach outwards fails here, naming the file, the line and the folder it reached.
/// </summary>
public partial class FolderOrderSpecs
{
    /// <summary>Each folder may use the ones before it (and its own), never one after it.</summary>
    public static readonly IReadOnlyList<string> Order =
    [
        "Settings",
        "Institutions",
        "Targets",
        "Telemetry",
        "Inbound",
        "Storage",
        "Visits",
        "Placement",
        "Alerts",
        "History",
        "Charts",
        "Evaluation",
        "Delivery",
        "Web",
        "Hosting",
        "Tools/Common",
        "Tools/Replay",
        "Tools/Status",
        "Tools/Demo",
        "Tools/Import",
        "Tools/Silences",
        "Tools/Maintenance",
        "Tools/Cli",
    ];

    private static readonly string Worker = RepositoryFiles.Path("worker");

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Worker, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string FolderOf(string file) => Path.GetRelativePath(Worker, Path.GetDirectoryName(file)!).Replace('\\', '/');

    [Fact]
    public void When_a_source_file_is_in_a_folder_should_be_in_the_folders_namespace_and_the_folder_in_the_order()
    {
        var wrong = new List<string>();
        foreach (var file in SourceFiles().Where(f => Path.GetFileName(f) != "Program.cs"))
        {
            var folder = FolderOf(file);
            var expected = "Monitor.Worker." + folder.Replace('/', '.');
            var declared = NamespaceDeclaration().Match(File.ReadAllText(file)).Groups[1].Value;
            if (declared != expected || !Order.Contains(folder))
            {
                wrong.Add($"{Path.GetRelativePath(Worker, file)}: namespace {declared}, folder {folder}{(Order.Contains(folder) ? string.Empty : " (not in the order)")}");
            }
        }

        Assert.True(wrong.Count == 0, "Files whose namespace is not their folder's, or folders missing from the order:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void When_a_folder_uses_another_should_be_one_that_comes_before_it()
    {
        var types = DeclaredTypes();
        var violations = new List<string>();
        foreach (var file in SourceFiles().Where(f => Path.GetFileName(f) != "Program.cs"))
        {
            var folder = FolderOf(file);
            var rank = IndexOf(folder);
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var used in FoldersUsedOn(lines[i], types))
                {
                    if (used != folder && IndexOf(used) > rank)
                    {
                        violations.Add($"{Path.GetRelativePath(Worker, file)}:{i + 1}: {folder} uses {used}, which comes later");
                    }
                }
            }
        }

        Assert.True(violations.Count == 0, "Folders that reach outwards:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void When_the_check_reads_a_line_should_find_usings_and_qualified_names_of_later_folders()
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal) { ["ReplayEvents"] = "Tools/Replay", ["TargetCatalog"] = "Targets" };

        Assert.Equal(["Tools/Replay"], FoldersUsedOn("using Monitor.Worker.Tools.Replay;", types));
        Assert.Equal(["Targets"], FoldersUsedOn("var c = Monitor.Worker.Targets.TargetCatalog.Load(p);", types));
        Assert.Equal(["Tools/Replay"], FoldersUsedOn("var e = Tools.Replay.ReplayEvents.At(d);", types));
        Assert.Equal(["Targets"], FoldersUsedOn("    Targets.TargetCatalog catalog,", types));
        Assert.Empty(FoldersUsedOn("var targets = options.Targets.Count;", types));
    }

    private static int IndexOf(string folder)
    {
        var index = Order.ToList().IndexOf(folder);
        return index >= 0 ? index : throw new InvalidOperationException($"Folder {folder} is not in the order.");
    }

    /// <summary>Folders a line reaches: a using of their namespace, or one of their types named with its folder.</summary>
    private static List<string> FoldersUsedOn(string line, Dictionary<string, string> types)
    {
        var used = new List<string>();
        var code = line.TrimStart();
        if (code.StartsWith("//", StringComparison.Ordinal))
        {
            return used;
        }

        foreach (Match m in UsingDirective().Matches(code))
        {
            used.Add(m.Groups[1].Value.Replace('.', '/'));
        }

        foreach (Match m in QualifiedName().Matches(code))
        {
            var folder = m.Groups[1].Value.Replace('.', '/');
            if (types.TryGetValue(m.Groups[2].Value, out var declaredIn) && declaredIn == folder)
            {
                used.Add(folder);
            }
        }

        return [.. used.Distinct()];
    }

    /// <summary>Every type the worker declares, by the folder it is declared in.</summary>
    private static Dictionary<string, string> DeclaredTypes()
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles())
        {
            foreach (Match m in TypeDeclaration().Matches(File.ReadAllText(file)))
            {
                types.TryAdd(m.Groups[1].Value, FolderOf(file));
            }
        }

        return types;
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^using (?:static )?(?:\w+ = )?Monitor\.Worker\.((?:Tools\.)?\w+)")]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"(?<![\w.]|\.\s)(?:Monitor\.Worker\.)?((?:Tools\.)?[A-Z]\w+)\.([A-Z]\w+)")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"^(?:public |internal )?(?:sealed |static |abstract |partial |readonly )*(?:class|record|enum|interface|struct|record struct) (\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();
}
