using Monitor.Worker.Institutions;

namespace Monitor.Worker.Inbound;

/// <summary>Checks every inbound event makes the same way: producer ids and the institution.</summary>
public static class Fields
{
    public const int MaxIdLength = 100;

    public static void Id(string? id, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add($"{field}: required");
        }
        else if (id.Length > MaxIdLength)
        {
            errors.Add($"{field}: longer than {MaxIdLength} characters");
        }
    }

    public static Institution? Institution(string? id, InstitutionCatalog institutions, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add("institutionId: required");
            return null;
        }

        var institution = institutions.Find(id);
        if (institution is null)
        {
            errors.Add($"institutionId: '{id}' is not a configured institution");
        }

        return institution;
    }
}
