using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Placement;
using Monitor.Worker.Visits;
using Monitor.Worker.Tools.Import;

namespace Monitor.Tests.Tools.Import;

/// <summary>Every reason the consumers' validation writes reads in Chinese in an import, its values kept.</summary>
public sealed class ValidationWordingSpecs
{
    private static readonly DateTimeOffset Now = new(2024, 6, 15, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void When_the_validation_rejects_every_field_it_checks_should_have_a_Chinese_reason_for_each()
    {
        var catalog = TestInstitutions.Catalog;
        var reasons = new List<string>();
        reasons.AddRange(VisitValidation.Validate(new EnterpriseVisitRecorded(new string('v', 101), "tjqg", VisitTier.Unit, null, new string('名', 201), "91120222MA07QW3E2X", new DateOnly(2024, 7, 1), (VisitMode)9, -3), catalog, Now));
        reasons.AddRange(VisitValidation.Validate(new EnterpriseVisitRecorded("", "nku", (VisitTier)9, "外语", "", "911202", default, VisitMode.Outgoing, 1), catalog, Now));
        reasons.AddRange(VisitValidation.Validate(new EnterpriseVisitRecorded("v", "tjqg", VisitTier.Unit, "外语", "x", "9112022IMA07QW3E2P", new DateOnly(2024, 1, 1), VisitMode.Outgoing, 1), catalog, Now));
        reasons.AddRange(PlacementValidation.Validate(new GraduateRegistered("tjqg", 1999, "", "", null, ["Rich"]), catalog));
        reasons.AddRange(PlacementValidation.Validate(new GraduateRegistered("tjqg", 2024, "g", "外语", null, []), catalog));
        reasons.AddRange(PlacementValidation.Validate(new GraduateDestinationReported("r", "tjqg", 2024, "g", (Destination)99, new DateOnly(2024, 7, 1), Now.AddDays(1), null, null), catalog, Now));
        reasons.AddRange(PlacementValidation.Validate(new GraduateDestinationReported("r", "tjqg", 2024, "g", Destination.Military, new DateOnly(2021, 7, 1), default, null, null), catalog, Now));
        reasons.AddRange(PlacementValidation.Validate(new GraduateDestinationReported("r", "tjqg", 2024, "g", Destination.Military, default, Now, null, null), catalog, Now));

        var untranslated = reasons
            .Select(r => r[(r.IndexOf(": ", StringComparison.Ordinal) + 2)..])
            .Where(r => ValidationWording.Chinese(r) == r)
            .ToList();

        Assert.True(reasons.Count >= 20, $"{reasons.Count} reasons");
        Assert.Empty(untranslated);
    }

    [Theory]
    [InlineData("required", "必填")]
    [InlineData("'91120222MA07QW3E2X' check character is 'X', expected 'P' (GB 32100-2015)", "「91120222MA07QW3E2X」的校验位是「X」，应为「P」（GB 32100-2015）")]
    [InlineData("2024-07-01 is in the future (today is 2024-06-15 in Asia/Shanghai)", "2024-07-01 是未来的日期（Asia/Shanghai 今天是 2024-06-15）")]
    [InlineData("'外语' is not a unit of tjqg (JX, DZ)", "「外语」不是 tjqg 的单位（JX, DZ）")]
    [InlineData("a reason not known here", "a reason not known here")]
    public void When_a_reason_is_translated_should_keep_its_values(string english, string chinese) =>
        Assert.Equal(chinese, ValidationWording.Chinese(english));
}
