using System.Globalization;

namespace Strata.Domain.Foundation.Synthetic;

public sealed record Place(string Code, string Name, double Weight, double DeprivationShift, double Diversity);

public sealed record Neighbourhood(string Code, int Place);

/// <param name="DecileCumulative">Cumulative probabilities of IMD deciles 1..10 for the practice's registrants.</param>
public sealed record Practice(string Code, string Name, int Neighbourhood, int Place, double Weight, double DeprivationShift, double[] DecileCumulative);

public sealed record Provider(string Code, string Name, string Type, int? Place);

/// <summary>
/// The ICB's geography and providers: 5–10 places, neighbourhoods (PCNs, ~40k people) and practices (~9k people),
/// scaled down for small N so a 100k extract still has ~15 neighbourhoods and ~25 practices,
/// each place with its own deprivation profile, and the providers that serve them. Depends only on seed and size.
/// </summary>
public sealed class PlaceLayout
{
    public const string IcbCode = "QZZ";

    public const int PeoplePerPlace = 300_000;
    public const int PeoplePerNeighbourhood = 40_000;
    public const int PeoplePerPractice = 9_000;

    // Small ICBs: up to 3 neighbourhoods per place of at least 5k people; about 25 practices of at least 3k.
    public const int MinNeighbourhoodsPerPlace = 3;
    public const int MinPeoplePerNeighbourhood = 5_000;
    public const int PracticesInSmallIcb = 25;
    public const int MinPeoplePerPractice = 3_000;

    /// <summary>Strength of the practice-level deprivation tilt across deciles (log-odds per unit shift).</summary>
    public const double DeprivationTilt = 0.8;

    // Place names are made per seed from an English-sounding first part and ending (realistic, not real places:
    // a made-up name is checked against nothing, so the parts avoid whole common town names).
    private static readonly string[] NameStarts =
        ["Ash", "Brack", "Calder", "Dun", "Elms", "Fen", "Grey", "Hollin", "Kestrel", "Lark", "Marl", "Nether", "Oaken", "Pen",
         "Raven", "Stan", "Thorn", "Wel", "Whin", "Yarn", "Alder", "Bram", "Cran", "Hart", "Lind", "Moss", "Rook", "Sedge"];

    private static readonly string[] NameEnds =
        ["worth", "field", "brook", "mere", "ford", "holme", "ley", "ton", "by", "wick", "bury", "combe", "dale", "ham", "stead", "thorpe", "moor", "well"];

    private static readonly string[] NameQualifiers = ["", "", "", "", " Vale", " Bay", " Heath", " Valley"];

    private static readonly string[] Streets =
        ["Church Lane", "High Street", "Park Road", "Station Road", "Mill Street", "Victoria Road", "The Green", "Market Place",
         "Riverside", "Oak Tree", "Manor House", "Willow Bank", "Castle Street", "Abbey Road", "Brook Lane", "Queens Road"];

    private static readonly string[] PracticeKinds = ["Surgery", "Medical Centre", "Health Centre", "Medical Practice"];

    private readonly double[] _practiceCumulative;

    private PlaceLayout(List<Place> places, List<Neighbourhood> neighbourhoods, List<Practice> practices)
    {
        Places = places;
        Neighbourhoods = neighbourhoods;
        Practices = practices;
        _practiceCumulative = SyntheticDraws.Cumulative([.. practices.Select(p => p.Weight)]);
        var providers = new List<Provider>();
        int Add(string code, string name, string type, int? place)
        {
            providers.Add(new Provider(code, name, type, place));
            return providers.Count - 1;
        }
        Acute = [.. places.Select((p, i) => Add($"RZ{Letter(i)}", $"{p.Name} Hospitals NHS Foundation Trust", "acute", i))];
        Community = [.. places.Select((p, i) => Add($"RY{Letter(i)}", $"{p.Name} Community Health Services", "community", i))];
        SocialCare = [.. places.Select((p, i) => Add($"LA{i + 1:00}", $"{p.Name} Council Adult Social Care", "social_care", i))];
        Tertiary = Add("RZT", "Regional Teaching Hospitals NHS Trust", "acute", null);
        MentalHealth = Add("RXM", "ICB Mental Health and Wellbeing NHS Trust", "mental_health", null);
        Ambulance = Add("RXA", "Regional Ambulance Service NHS Trust", "ambulance", null);
        Independent = [Add("NZA", "Meadowview Independent Hospital", "independent", null), Add("NZB", "Northgate Treatment Centre", "independent", null)];
        Vcse = [Add("VC01", "Community Care Alliance", "vcse", null), Add("VC02", "Carers and Neighbours Trust", "vcse", null)];
        PracticeProvider = [.. practices.Select(p => Add(p.Code, p.Name, "primary_care", p.Place))];
        Providers = providers;
    }

    public IReadOnlyList<Place> Places { get; }
    public IReadOnlyList<Neighbourhood> Neighbourhoods { get; }
    public IReadOnlyList<Practice> Practices { get; }
    public IReadOnlyList<Provider> Providers { get; }

    // Provider indexes by role, so the simulator picks providers without lookups.
    public int[] Acute { get; }
    public int[] Community { get; }
    public int[] SocialCare { get; }
    public int Tertiary { get; }
    public int MentalHealth { get; }
    public int Ambulance { get; }
    public int[] Independent { get; }
    public int[] Vcse { get; }
    public int[] PracticeProvider { get; }

    public int PickPractice(Rng rng) => rng.Pick(_practiceCumulative);

    public static int PlaceCount(long people) => (int)Math.Clamp(Math.Round(people / (double)PeoplePerPlace), 5, 10);

    /// <summary>
    /// PCN-sized neighbourhoods (~40k) in a large ICB; a small one (a test or demo extract) still gets up to three per
    /// place, none below ~5k people, so funnels and allocations have units to compare.
    /// </summary>
    public static int NeighbourhoodCount(long people)
    {
        var places = PlaceCount(people);
        var small = Math.Min(MinNeighbourhoodsPerPlace * places, Math.Round(people / (double)MinPeoplePerNeighbourhood));
        return (int)Math.Max(places, Math.Max(Math.Round(people / (double)PeoplePerNeighbourhood), small));
    }

    /// <summary>Mean list size: ~9k in a large ICB; in a small one N/25 (so ~25 practices), but never below 3k.</summary>
    public static double PracticeSize(long people) => Math.Clamp(people / (double)PracticesInSmallIcb, MinPeoplePerPractice, PeoplePerPractice);

    /// <summary>
    /// The layout for <paramref name="people"/> from <paramref name="rng"/>; place names from their own stream
    /// (<paramref name="names"/>, default a fixed one) so that naming never shifts the layout's other draws.
    /// </summary>
    public static PlaceLayout Build(long people, Rng rng, Rng? names = null)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var placeCount = PlaceCount(people);
        var neighbourhoodCount = NeighbourhoodCount(people);
        var practiceCount = (int)Math.Max(neighbourhoodCount, Math.Round(people / PracticeSize(people)));

        // Evenly spread, shuffled shifts keep the ICB as a whole close to England's uniform deciles.
        var shifts = Shuffled(rng, [.. Enumerable.Range(0, placeCount).Select(i => placeCount == 1 ? 0 : -1 + 2.0 * i / (placeCount - 1))]);
        var diversity = Shuffled(rng, [.. Enumerable.Range(0, placeCount).Select(i => 0.4 + 1.6 * i / Math.Max(1, placeCount - 1))]);
        var placeNames = PlaceNames(placeCount, names ?? new Rng(0));
        var places = Enumerable.Range(0, placeCount)
            .Select(i => new Place($"PL{i + 1:00}", placeNames[i], 0.6 + 0.8 * rng.NextDouble(), shifts[i], diversity[i]))
            .ToList();

        // At least two neighbourhoods per place once there are enough to go round (a place of one unit has no variation).
        var nbPerPlace = Allocate(neighbourhoodCount, [.. places.Select(p => p.Weight)], neighbourhoodCount >= 2 * placeCount ? 2 : 1);
        var neighbourhoods = new List<Neighbourhood>();
        var practices = new List<Practice>();
        var practicesPerNb = Allocate(practiceCount, [.. places.SelectMany((p, i) => Enumerable.Repeat(p.Weight / nbPerPlace[i], nbPerPlace[i]))]);
        for (var p = 0; p < placeCount; p++)
        {
            for (var n = 0; n < nbPerPlace[p]; n++)
            {
                var nb = neighbourhoods.Count;
                neighbourhoods.Add(new Neighbourhood($"U{90001 + nb:00000}", p));
                for (var k = 0; k < practicesPerNb[nb]; k++)
                {
                    var index = practices.Count;
                    var shift = Math.Clamp(places[p].DeprivationShift + rng.Normal(0, 0.5), -2, 2);
                    var name = $"{places[p].Name} {Streets[rng.NextInt(Streets.Length)]} {PracticeKinds[rng.NextInt(PracticeKinds.Length)]}";
                    // Practice weight: the place's share split over its practices, with lognormal list-size variation.
                    var weight = places[p].Weight / nbPerPlace[p] / practicesPerNb[nb] * rng.LogNormalMeanOne(0.35);
                    practices.Add(new Practice($"X{10001 + index:00000}", name, nb, p, weight, shift, DecileCumulative(shift)));
                }
            }
        }
        return new PlaceLayout(places, neighbourhoods, practices);
    }

    /// <summary>
    /// <paramref name="count"/> distinct place names, e.g. "Marlford", "Ravenholme Vale": no two share a first part,
    /// so practice names ("Marlford Station Road Surgery") never make two places look alike.
    /// </summary>
    public static IReadOnlyList<string> PlaceNames(int count, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (count > NameStarts.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"At most {NameStarts.Length} place names can be made.");
        }
        var starts = Shuffled(rng, [.. Enumerable.Range(0, NameStarts.Length).Select(i => (double)i)]);
        return [.. Enumerable.Range(0, count).Select(i =>
            NameStarts[(int)starts[i]] + NameEnds[rng.NextInt(NameEnds.Length)] + NameQualifiers[rng.NextInt(NameQualifiers.Length)])];
    }

    /// <summary>Deciles tilted towards 1 (most deprived) for positive shifts: p(k) ∝ exp(tilt·shift·(5.5−k)/4.5).</summary>
    public static double[] DecileCumulative(double shift) =>
        SyntheticDraws.Cumulative([.. Enumerable.Range(1, 10).Select(k => Math.Exp(DeprivationTilt * shift * (5.5 - k) / 4.5))]);

    /// <summary>Synthetic LSOA code: each practice draws from four LSOAs per decile, numbered within its own range.</summary>
    public static int LsoaNumber(int practice, int decile, int variant) => 1000 + practice * 40 + (decile - 1) * 4 + variant;

    public static string LsoaCode(int number) => "E01" + number.ToString("000000", CultureInfo.InvariantCulture);

    // Largest-remainder allocation with at least `minimum` per group.
    private static int[] Allocate(int total, double[] weights, int minimum = 1)
    {
        var n = weights.Length;
        var result = Enumerable.Repeat(minimum, n).ToArray();
        var remaining = total - minimum * n;
        if (remaining <= 0)
        {
            return result;
        }
        var sum = weights.Sum();
        var exact = weights.Select(w => w / sum * remaining).ToArray();
        for (var i = 0; i < n; i++)
        {
            result[i] += (int)exact[i];
        }
        var left = total - result.Sum();
        foreach (var i in Enumerable.Range(0, n).OrderByDescending(i => exact[i] - Math.Floor(exact[i])).ThenBy(i => i).Take(left))
        {
            result[i]++;
        }
        return result;
    }

    private static double[] Shuffled(Rng rng, double[] values)
    {
        for (var i = values.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
        return values;
    }

    private static char Letter(int i) => (char)('A' + i);
}
