using Monitor.Messages;

namespace Monitor.Worker.Placement;

/// <summary>What counts as placed (DESIGN §2) and how destinations group for dashboards.</summary>
public static class DestinationKinds
{
    public const string Employed = "employed";
    public const string FurtherStudy = "furtherStudy";
    public const string Entrepreneurship = "entrepreneurship";
    public const string MilitaryOrGrassroots = "militaryOrGrassroots";
    public const string Abroad = "abroad";
    public const string Unplaced = "unplaced";

    public static readonly IReadOnlyList<string> All = [Employed, FurtherStudy, Entrepreneurship, MilitaryOrGrassroots, Abroad, Unplaced];

    /// <summary>Every destination except 待就业 and 暂不就业.</summary>
    public static bool IsPlaced(Destination destination) =>
        destination is not (Destination.Unplaced or Destination.NotSeekingEmployment);

    public static string KindOf(Destination destination) => destination switch
    {
        Destination.AgreementEmployment or Destination.ContractEmployment or Destination.OtherEmployment
            or Destination.ResearchAssistant or Destination.Freelance => Employed,
        Destination.FurtherStudy => FurtherStudy,
        Destination.Entrepreneurship => Entrepreneurship,
        Destination.Military or Destination.NationalGrassrootsProject or Destination.LocalGrassrootsProject => MilitaryOrGrassroots,
        Destination.StudyAbroad => Abroad,
        _ => Unplaced,
    };

    /// <summary>The disadvantaged categories (困难群体) a roster entry may carry.</summary>
    public static readonly IReadOnlySet<string> DisadvantagedCategories = new HashSet<string>(StringComparer.Ordinal)
    {
        "LowIncome", "PovertyAlleviated", "ZeroEmploymentFamily", "Disability", "LongTermUnemployed", "Other",
    };
}
