using System.Security.Cryptography;
using System.Text;

namespace Monitor.Worker.Placement;

/// <summary>A graduate on a cohort's roster as stored: only what the rates need.</summary>
/// <param name="InstitutionId">The institution.</param>
/// <param name="CohortYear">届别.</param>
/// <param name="GraduateId">学号.</param>
/// <param name="UnitCode">The unit's configured code.</param>
/// <param name="Disadvantaged">At least one 困难群体 category.</param>
public sealed record RosterEntry(string InstitutionId, int CohortYear, string GraduateId, string UnitCode, bool Disadvantaged)
{
    /// <summary>
    /// Tells a resent registration from a conflicting one: the unit and the flag only (seeds/sql/004 computes the same
    /// for rows stored before), so other categories or another major are the same registration.
    /// </summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{UnitCode}|{(Disadvantaged ? 1 : 0)}")));
}
