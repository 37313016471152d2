using System.Data;
using System.Globalization;

namespace Strata.Data.Engine;

/// <summary>
/// The one set of value conversions at the engine boundary, so every engine reads the same figures: a whole-number
/// read of a fractional value is an error (Npgsql's <c>GetInt64</c> on numeric 1.5 returns 1; a cast would round to
/// 2), and big integers (DuckDB's HUGEINT sums) arrive as decimal.
/// </summary>
internal static class Conversions
{
    public static T? To<T>(object? value, string engine)
    {
        if (value is null || value is DBNull)
        {
            return default;
        }
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)To(value, target, engine);
    }

    public static object To(object value, Type target, string engine)
    {
        if (value is System.Numerics.BigInteger big)
        {
            value = (decimal)big;
        }
        if (target.IsInstanceOfType(value))
        {
            return value;
        }
        if (target == typeof(long) || target == typeof(int) || target == typeof(short))
        {
            var whole = value switch
            {
                decimal m when m != decimal.Truncate(m) => throw Fractional(value, target, engine),
                double d when d != Math.Truncate(d) => throw Fractional(value, target, engine),
                float f when f != MathF.Truncate(f) => throw Fractional(value, target, engine),
                _ => value,
            };
            return Convert.ChangeType(whole, target, CultureInfo.InvariantCulture);
        }
        if (target == typeof(DateOnly) && value is DateTime dt)
        {
            return DateOnly.FromDateTime(dt);
        }
        return Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }

    private static EngineException Fractional(object value, Type target, string engine) =>
        new(engine, $"cannot read {Convert.ToString(value, CultureInfo.InvariantCulture)} as a whole number ({target.Name}); cast or round it in SQL");
}

/// <summary>
/// A data record whose whole-number and date reads go through <see cref="Conversions"/>, so a map function sees the
/// same values on every engine; everything else is the driver's own record.
/// </summary>
internal sealed class CheckedRecord(IDataRecord inner, string engine) : IDataRecord
{
    public object this[int i] => inner[i];

    public object this[string name] => inner[name];

    public int FieldCount => inner.FieldCount;

    public bool GetBoolean(int i) => inner.GetBoolean(i);

    public byte GetByte(int i) => inner.GetByte(i);

    public long GetBytes(int i, long fieldOffset, byte[]? buffer, int bufferoffset, int length) =>
        inner.GetBytes(i, fieldOffset, buffer, bufferoffset, length);

    public char GetChar(int i) => inner.GetChar(i);

    public long GetChars(int i, long fieldoffset, char[]? buffer, int bufferoffset, int length) =>
        inner.GetChars(i, fieldoffset, buffer, bufferoffset, length);

    public IDataReader GetData(int i) => inner.GetData(i);

    public string GetDataTypeName(int i) => inner.GetDataTypeName(i);

    public DateTime GetDateTime(int i) => inner.GetValue(i) is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : inner.GetDateTime(i);

    public decimal GetDecimal(int i) => (decimal)Conversions.To(inner.GetValue(i), typeof(decimal), engine);

    public double GetDouble(int i) => (double)Conversions.To(inner.GetValue(i), typeof(double), engine);

    public Type GetFieldType(int i) => inner.GetFieldType(i);

    public float GetFloat(int i) => (float)Conversions.To(inner.GetValue(i), typeof(float), engine);

    public Guid GetGuid(int i) => inner.GetGuid(i);

    public short GetInt16(int i) => (short)Conversions.To(inner.GetValue(i), typeof(short), engine);

    public int GetInt32(int i) => (int)Conversions.To(inner.GetValue(i), typeof(int), engine);

    public long GetInt64(int i) => (long)Conversions.To(inner.GetValue(i), typeof(long), engine);

    public string GetName(int i) => inner.GetName(i);

    public int GetOrdinal(string name) => inner.GetOrdinal(name);

    public string GetString(int i) => inner.GetString(i);

    // Engine-specific wide integers (DuckDB's HUGEINT sums) arrive as decimal, like PostgreSQL's numeric sums.
    public object GetValue(int i) => inner.GetValue(i) is System.Numerics.BigInteger big ? (decimal)big : inner.GetValue(i);

    public int GetValues(object[] values)
    {
        var n = inner.GetValues(values);
        for (var i = 0; i < n; i++)
        {
            if (values[i] is System.Numerics.BigInteger big)
            {
                values[i] = (decimal)big;
            }
        }
        return n;
    }

    public bool IsDBNull(int i) => inner.IsDBNull(i);
}
