using Strata.Domain.Foundation;

namespace Strata.Web.Security;

/// <summary>
/// Password rules after NIST SP 800-63B (memorised secrets): at least 12 characters, no composition rules, but
/// refuse values that are known to be common or trivially guessable — a blocklist, a single repeated character,
/// a simple run ("123456789012", "abcdefghijkl"), or the user's own name.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 12;

    /// <summary>Longest password accepted (hashing cost is linear in length; 800-63B asks for at least 64).</summary>
    public const int MaxLength = 256;

    /// <summary>Common passwords of 12 characters or more (from public breach-frequency lists), compared case-insensitively.</summary>
    private static readonly HashSet<string> Blocklist = new(StringComparer.OrdinalIgnoreCase)
    {
        "password1234", "password12345", "password123456", "password123!", "passw0rd1234", "p@ssw0rd1234", "p@ssword1234",
        "passwordpassword", "123456789012", "1234567890123", "12345678901234", "123456123456", "123123123123",
        "qwertyuiopas", "qwertyuiop12", "qwerty123456", "qwertyqwerty", "1qaz2wsx3edc", "1q2w3e4r5t6y", "zaq12wsxcde3",
        "iloveyou1234", "letmein12345", "welcome12345", "welcome123456", "changeme1234", "administrator", "admin1234567",
        "football1234", "baseball1234", "sunshine1234", "princess1234", "monkey123456", "dragon123456", "trustno1trustno1",
        "abc123abc123", "abcdefghijkl", "abcd1234abcd", "asdfghjkl123", "asdfasdfasdf", "correcthorsebatterystaple",
        "nhsnhsnhsnhs", "nhspassword1", "nhspassword123", "strata123456", "stratapassword",
    };

    /// <summary>The reason a password is refused, or null when it is acceptable for <paramref name="userName"/>.</summary>
    public static string? Problem(string? userName, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
        {
            return $"A password needs at least {MinLength} characters.";
        }
        if (password.Length > MaxLength)
        {
            return $"A password has at most {MaxLength} characters.";
        }
        if (password.Distinct().Count() == 1)
        {
            return "A password cannot be one character repeated.";
        }
        if (IsRun(password))
        {
            return "A password cannot be a simple run of characters such as 123456789012.";
        }
        if (Blocklist.Contains(password) || Blocklist.Contains(password.Replace(" ", "", StringComparison.Ordinal)))
        {
            return "That password is on the list of commonly used passwords; choose another.";
        }
        if (!string.IsNullOrEmpty(userName) && password.Contains(userName, StringComparison.OrdinalIgnoreCase) && userName.Length >= 3)
        {
            return "A password cannot contain the user name.";
        }
        return null;
    }

    /// <summary>Refuses an unacceptable password with a validation error naming the field.</summary>
    public static void Check(string? userName, string? password)
    {
        if (Problem(userName, password) is { } reason)
        {
            throw new StrataValidationException("password", reason);
        }
    }

    /// <summary>Every character one more (or one less) than the last, e.g. "abcdefghijkl" or "210987654321" (digits wrap).</summary>
    private static bool IsRun(string password)
    {
        static bool Step(char a, char b, int d) =>
            b - a == d || (char.IsDigit(a) && char.IsDigit(b) && ((b - '0') - (a - '0') + 10) % 10 == (d + 10) % 10);
        return new[] { 1, -1 }.Any(d => Enumerable.Range(1, password.Length - 1).All(i => Step(password[i - 1], password[i], d)));
    }
}
