using Strata.Data.Engine;

namespace Strata.Data.Tests.Engine;

/// <summary>
/// The behaviour every engine behind <see cref="IEngine"/> must have. Each configured engine gets a subclass that
/// supplies a fresh, empty engine; the stages rely on nothing else.
/// </summary>
public abstract class EngineContractTests : IDisposable
{
    private readonly Lazy<IEngine> _engine;

    protected EngineContractTests() => _engine = new Lazy<IEngine>(CreateEngine);

    protected IEngine Engine => _engine.Value;

    protected abstract IEngine CreateEngine();

    [Fact]
    public void Execute_scalar_and_query_round_trip()
    {
        Engine.Execute("CREATE TABLE t (k VARCHAR NOT NULL, v INTEGER)");
        Engine.Execute("INSERT INTO t VALUES ('a', 1), ('b', NULL), ('c', 3)");
        Assert.Equal(3, Engine.Scalar<long>("SELECT count(*) FROM t"));
        Assert.Null(Engine.Scalar<int?>("SELECT v FROM t WHERE k = 'b'"));
        Assert.Equal(["a:1", "b:-", "c:3"], Engine.Query("SELECT k, v FROM t ORDER BY k", r => $"{r.GetString(0)}:{(r.IsDBNull(1) ? "-" : r.GetInt32(1).ToString(System.Globalization.CultureInfo.InvariantCulture))}"));
        Assert.True(Engine.TableExists("t"));
        Assert.False(Engine.TableExists("no_such_table"));
    }

    [Fact]
    public void Values_travel_as_positional_parameters_never_as_sql_text()
    {
        Engine.Execute("CREATE TABLE t (k VARCHAR, v INTEGER, d DATE)");
        Engine.Execute("INSERT INTO t VALUES ($1, $2, $3)", "o'brien; DROP TABLE t", 7, new DateOnly(2025, 3, 31));
        Engine.Execute("INSERT INTO t VALUES ($1, $2, $3)", "plain", null, null);
        Assert.Equal(7, Engine.Scalar<int>("SELECT v FROM t WHERE k = $1", "o'brien; DROP TABLE t"));
        Assert.Equal(1, Engine.Scalar<long>("SELECT count(*) FROM t WHERE d <= $1", new DateOnly(2025, 3, 31)));
        Assert.Equal(["plain"], Engine.Query("SELECT k FROM t WHERE v IS NULL AND k <> $1", r => r.GetString(0), "x"));
    }

    [Fact]
    public void A_failed_transaction_rolls_back_everything_including_nested_work()
    {
        Engine.Execute("CREATE TABLE t (v INTEGER)");
        Engine.Execute("INSERT INTO t VALUES (1)");
        Assert.Throws<InvalidOperationException>(() => Engine.InTransaction(() =>
        {
            Engine.Execute("INSERT INTO t VALUES (2)");
            Engine.InTransaction(() => Engine.Execute("DELETE FROM t WHERE v = 1"));
            throw new InvalidOperationException("fail midway");
        }));
        Assert.Equal(1, Engine.Scalar<long>("SELECT sum(v) FROM t"));
        Engine.InTransaction(() => Engine.Execute("INSERT INTO t VALUES (5)"));
        Assert.Equal(6, Engine.Scalar<long>("SELECT sum(v) FROM t"));
    }

    [Fact]
    public void Appender_writes_every_supported_type()
    {
        Engine.Execute("CREATE TABLE t (s VARCHAR, i INTEGER, l BIGINT, d DOUBLE, m DECIMAL(14,2), b BOOLEAN, dt DATE, n VARCHAR)");
        using (var a = Engine.Append("t"))
        {
            a.Row("x", 1, 2L, 0.5, 12.34m, true, new DateOnly(2024, 2, 29), null);
        }
        Assert.Equal("x|1|2|0.5|12.34|true|2024-02-29|null", Engine.Scalar<string>(
            "SELECT s || '|' || CAST(i AS VARCHAR) || '|' || CAST(l AS VARCHAR) || '|' || CAST(d AS VARCHAR) || '|' || CAST(m AS VARCHAR) || '|' || CAST(b AS VARCHAR) || '|' || CAST(dt AS VARCHAR) || '|' || coalesce(n, 'null') FROM t"));
    }

    [Theory]
    [InlineData("2024-03-31", -1, "2024-02-29")]
    [InlineData("2025-03-31", -12, "2024-03-31")]
    [InlineData("2024-01-31", 1, "2024-02-29")]
    public void Months_are_added_as_calendar_months(string from, int months, string expected) =>
        Assert.Equal(expected, Engine.Scalar<string>(
            $"SELECT CAST({Engine.Dialect.AddMonths(Engine.Dialect.Date(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture)), months.ToString(System.Globalization.CultureInfo.InvariantCulture))} AS VARCHAR)"));

    [Fact]
    public void Days_and_years_between_are_date_arithmetic()
    {
        var d = Engine.Dialect.Date(new DateOnly(2025, 3, 31));
        Assert.Equal("2024-05-27", Engine.Scalar<string>($"SELECT CAST({Engine.Dialect.AddDays(d, "-308")} AS VARCHAR)"));
        Assert.Equal(64, Engine.Scalar<long>($"SELECT {Engine.Dialect.YearsBetween(Engine.Dialect.Date(new DateOnly(1960, 7, 1)), d)}"));
    }

    [Fact]
    public void Reserved_words_and_quotes_are_usable_as_quoted_identifiers()
    {
        Engine.Execute($"CREATE TABLE t ({Engine.Dialect.Identifier("limit")} VARCHAR, {Engine.Dialect.Identifier("say \"hi\"")} INTEGER)");
        Engine.Execute("INSERT INTO t VALUES ('x', 1)");
        Assert.Equal("x1", Engine.Scalar<string>($"SELECT {Engine.Dialect.Identifier("limit")} || CAST({Engine.Dialect.Identifier("say \"hi\"")} AS VARCHAR) FROM t"));
    }

    [Fact]
    public void Quoting_escapes_single_quotes() =>
        Assert.Equal("O'Brien", Engine.Scalar<string>($"SELECT {Engine.Dialect.Quote("O'Brien")}"));

    [Fact]
    public void Files_round_trip_through_copy_and_read()
    {
        var dir = Directory.CreateTempSubdirectory("strata-engine-").FullName;
        try
        {
            Engine.Execute("CREATE TABLE t (k VARCHAR, v INTEGER)");
            Engine.Execute("INSERT INTO t VALUES ('a', 1), ('b,c', 2)");
            var csv = Path.Combine(dir, "t.csv");
            var parquet = Path.Combine(dir, "t.parquet");
            Engine.Execute(Engine.Dialect.CopyTo("SELECT * FROM t ORDER BY k", csv, "csv"));
            Engine.Execute(Engine.Dialect.CopyTo("SELECT * FROM t ORDER BY k", parquet, "parquet"));
            Assert.Equal(["a=1", "b,c=2"], Engine.Query($"SELECT k, v FROM {Engine.Dialect.ReadCsvAsText(csv)} ORDER BY k", r => $"{r.GetString(0)}={r.GetString(1)}"));
            Assert.Equal(3, Engine.Scalar<long>($"SELECT sum(v) FROM {Engine.Dialect.ReadParquet(parquet)}"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public void Dispose()
    {
        if (_engine.IsValueCreated)
        {
            _engine.Value.Dispose();
        }
        GC.SuppressFinalize(this);
    }
}

/// <summary>The embedded default engine.</summary>
public sealed class DuckDbEngineContractTests : EngineContractTests
{
    protected override IEngine CreateEngine() => DuckDbEngine.InMemory();
}
