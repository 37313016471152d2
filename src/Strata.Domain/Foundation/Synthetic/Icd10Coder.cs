namespace Strata.Domain.Foundation.Synthetic;

/// <summary>
/// ICD-10 codes (no dot) that record a condition unambiguously under the condition codelist's prefix matching:
/// a code qualifies only if every condition it maps to is the condition itself or one it implies (incurable
/// cancer implies cancer, end-stage renal disease implies CKD). So a coded record never gives a person a
/// condition the simulation did not give them.
/// </summary>
public sealed class Icd10Coder
{
    private static readonly Dictionary<string, string> Implies = new()
    {
        ["cancer_incurable"] = "cancer",
        ["end_stage_renal"] = "ckd",
    };

    private readonly string[][] _codes;

    /// <param name="conditions">Vocabulary conditions in order.</param>
    /// <param name="prefixes">(condition, ICD-10 prefix) pairs of the codelist.</param>
    public Icd10Coder(IReadOnlyList<string> conditions, IReadOnlyList<(string Condition, string Prefix)> prefixes)
    {
        Prefixes = prefixes;
        _codes = [.. conditions.Select(c => prefixes
            .Where(p => p.Condition == c)
            .SelectMany(p => p.Prefix.Length >= 4 ? [p.Prefix] : Enumerable.Range(0, 10).Select(d => p.Prefix + (char)('0' + d)))
            .Where(code => MapsOnlyTo(code, c))
            .Distinct()
            .ToArray())];
    }

    public IReadOnlyList<(string Condition, string Prefix)> Prefixes { get; }

    /// <summary>Unambiguous codes for condition index c (empty for coded-only conditions).</summary>
    public IReadOnlyList<string> CodesFor(int condition) => _codes[condition];

    public bool HasCodes(int condition) => _codes[condition].Length > 0;

    public string Pick(int condition, Rng rng) => _codes[condition][rng.NextInt(_codes[condition].Length)];

    /// <summary>Conditions a code maps to by prefix.</summary>
    public IEnumerable<string> ConditionsOf(string code) =>
        Prefixes.Where(p => code.StartsWith(p.Prefix, StringComparison.Ordinal)).Select(p => p.Condition).Distinct();

    private bool MapsOnlyTo(string code, string condition) =>
        ConditionsOf(code).All(m => m == condition || (Implies.TryGetValue(condition, out var implied) && m == implied));
}
