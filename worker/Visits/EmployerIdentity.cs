using System.Globalization;
using System.Text;
using Monitor.Worker.Inbound;

namespace Monitor.Worker.Visits;

/// <summary>
/// Who an employer is (DESIGN §2): its unified social credit code when given, otherwise its normalised name.
/// </summary>
public static class EmployerIdentity
{
    // GB 32100-2015: 31 characters (no I, O, S, V, Z) and the weights of positions 1-17.
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Null when <paramref name="code"/> is a well-formed credit code, else what is wrong with it.</summary>
    public static string? CheckCreditCode(string code)
    {
        if (code.Length != 18)
        {
            return $"must have 18 characters, has {code.Length}";
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(code[i], StringComparison.Ordinal);
            if (value < 0)
            {
                return $"character {i + 1} {Excerpt.Quote(code[i].ToString())} is not allowed (digits and capital letters except I, O, S, V, Z)";
            }

            sum += value * Weights[i];
        }

        var expected = Alphabet[(31 - (sum % 31)) % 31];
        return code[17] == expected ? null : $"check character is '{code[17]}', expected '{expected}' (GB 32100-2015)";
    }

    /// <summary>Upper-cases and trims a credit code as written (full-width characters become half-width).</summary>
    public static string NormaliseCreditCode(string code) =>
        code.Normalize(NormalizationForm.FormKC).Trim().ToUpperInvariant();

    /// <summary>
    /// Trimmed, full-width → half-width (（）→ ()), all white space removed, case-folded: names that differ only in
    /// these ways are the same employer.
    /// </summary>
    public static string NormaliseName(string name)
    {
        var folded = name.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>The identity key of an employer: "code:..." or "name:...".</summary>
    public static string Key(string name, string? creditCode) =>
        string.IsNullOrWhiteSpace(creditCode) ? "name:" + NormaliseName(name) : "code:" + NormaliseCreditCode(creditCode);

    /// <summary>
    /// Computes the check character for the first 17 characters of a code; used to make valid demo codes.
    /// </summary>
    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }
}
