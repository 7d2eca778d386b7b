using System.Reflection;
using System.Text.RegularExpressions;
using Monitor.Tests.Support;

namespace Monitor.Tests.Architecture;

/// <summary>
/// One naming rule for every test of both test projects: <c>When_&lt;situation&gt;_should_&lt;outcome&gt;</c>, words
/// joined by single underscores, "should" once and in lower case. Words may hold capitals and digits where the
/// thing is written so (<c>CSV</c>, <c>GB18030</c>, <c>DingTalk</c>, <c>2023</c>). This project's tests are found
/// by reflection; the integration tests (which need servers, so this project does not reference them) are read from
/// their sources, with a reader checked here against reflection.
/// </summary>
public partial class TestNamingSpecs
{
    [Theory]
    [InlineData("When_a_visit_is_redelivered_should_be_a_duplicate_and_count_once")]
    [InlineData("When_a_GB18030_file_comes_from_Excel_should_detect_and_read_it")]
    [InlineData("When_the_2023_cohort_is_measured_on_30_August_should_give_95_44_percent")]
    [InlineData("When_a_visit_is_invalid_should_publish_EventRejected_naming_the_field")]
    public void When_a_name_states_a_situation_and_an_outcome_should_follow_the_rule(string name) =>
        Assert.Matches(Rule(), name);

    [Theory]
    [InlineData("Redelivered_visit_is_a_duplicate_and_counted_once")]
    [InlineData("Should_fire_the_same_alerts_on_the_same_days")]
    [InlineData("When_the_robot_answers_errcode_0_Should_not_throw")]
    [InlineData("When_a_visit_is_redelivered")]
    [InlineData("When_a_visit_is_redelivered_should")]
    [InlineData("When_a_visit_is_redelivered_should_count_it_once_and_should_log_it")]
    [InlineData("When_a_visit__is_redelivered_should_count_it_once")]
    [InlineData("when_a_visit_is_redelivered_should_count_it_once")]
    public void When_a_name_is_a_sentence_or_breaks_the_rule_should_not_follow_it(string name) =>
        Assert.DoesNotMatch(Rule(), name);

    [Fact]
    public void When_a_test_of_this_project_is_found_by_reflection_should_follow_the_rule() =>
        AssertAllFollowTheRule(ReflectedTests().Select(t => (t.Method, $"{t.Type}.{t.Method}")));

    [Fact]
    public void When_a_test_of_the_integration_project_is_read_from_its_sources_should_follow_the_rule()
    {
        var tests = DeclaredTests(RepositoryFiles.Path("tests", "Monitor.IntegrationTests")).ToList();

        Assert.True(tests.Count > 50, $"Only {tests.Count} integration tests were found; the source reader has lost its way.");
        AssertAllFollowTheRule(tests.Select(t => (t.Method, $"{t.File}:{t.Line} {t.Method}")));
    }

    [Fact]
    public void When_this_projects_sources_are_read_should_find_the_tests_reflection_finds()
    {
        var declared = DeclaredTests(RepositoryFiles.Path("tests", "Monitor.Tests")).Select(t => t.Method).Order(StringComparer.Ordinal);
        var reflected = ReflectedTests().Select(t => t.Method).Order(StringComparer.Ordinal);

        Assert.Equal(reflected, declared);
    }

    private static void AssertAllFollowTheRule(IEnumerable<(string Name, string Where)> tests)
    {
        var wrong = tests.Where(t => !Rule().IsMatch(t.Name)).Select(t => t.Where).ToList();
        Assert.True(wrong.Count == 0, "Tests not named When_<situation>_should_<outcome>:\n" + string.Join('\n', wrong));
    }

    private static IEnumerable<(string Type, string Method)> ReflectedTests() =>
        typeof(TestNamingSpecs).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(method => method.IsDefined(typeof(FactAttribute), inherit: false))
            .Select(method => (method.DeclaringType!.Name, method.Name));

    /// <summary>Each <c>[Fact]</c> or <c>[Theory]</c> in the folder's sources with the method it marks: the next public method declared after it.</summary>
    private static IEnumerable<(string File, int Line, string Method)> DeclaredTests(string folder)
    {
        var separator = Path.DirectorySeparatorChar;
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!TestAttribute().IsMatch(lines[i]))
                {
                    continue;
                }

                var j = i + 1;
                while (j < lines.Length && !MethodDeclaration().IsMatch(lines[j]))
                {
                    j++;
                }

                if (j < lines.Length)
                {
                    yield return (Path.GetRelativePath(folder, file), j + 1, MethodDeclaration().Match(lines[j]).Groups[1].Value);
                }

                i = j;
            }
        }
    }

    /// <summary>Words of letters and digits joined by single underscores; "should" (never "Should") once, between the two parts.</summary>
    [GeneratedRegex(@"^When(?:_(?![Ss]hould_)[A-Za-z0-9]+)+_should(?:_(?![Ss]hould(?:_|$))[A-Za-z0-9]+)+$")]
    private static partial Regex Rule();

    [GeneratedRegex(@"^\s*\[(?:Fact|Theory)\b")]
    private static partial Regex TestAttribute();

    [GeneratedRegex(@"^\s*public\s+(?:static\s+)?(?:async\s+)?[\w<>\[\],.?]+\s+(\w+)\s*\(")]
    private static partial Regex MethodDeclaration();
}
