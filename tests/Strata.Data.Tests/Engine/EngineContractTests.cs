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

    [SkippableFact]
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

    [SkippableFact]
    public void Values_travel_as_positional_parameters_never_as_sql_text()
    {
        Engine.Execute("CREATE TABLE t (k VARCHAR, v INTEGER, d DATE)");
        Engine.Execute("INSERT INTO t VALUES ($1, $2, $3)", "o'brien; DROP TABLE t", 7, new DateOnly(2025, 3, 31));
        Engine.Execute("INSERT INTO t VALUES ($1, $2, $3)", "plain", null, null);
        Assert.Equal(7, Engine.Scalar<int>("SELECT v FROM t WHERE k = $1", "o'brien; DROP TABLE t"));
        Assert.Equal(1, Engine.Scalar<long>("SELECT count(*) FROM t WHERE d <= $1", new DateOnly(2025, 3, 31)));
        Assert.Equal(["plain"], Engine.Query("SELECT k FROM t WHERE v IS NULL AND k <> $1", r => r.GetString(0), "x"));
    }

    [SkippableFact]
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

    [SkippableFact]
    public void Appender_writes_every_supported_type()
    {
        Engine.Execute("CREATE TABLE t (s VARCHAR, i INTEGER, l BIGINT, d DOUBLE PRECISION, m DECIMAL(14,2), b BOOLEAN, dt DATE, n VARCHAR)");
        using (var a = Engine.Append("t"))
        {
            a.Row("x", 1, 2L, 0.5, 12.34m, true, new DateOnly(2024, 2, 29), null);
        }
        Assert.Equal("x|1|2|0.5|12.34|true|2024-02-29|null", Engine.Scalar<string>(
            "SELECT s || '|' || CAST(i AS VARCHAR) || '|' || CAST(l AS VARCHAR) || '|' || CAST(d AS VARCHAR) || '|' || CAST(m AS VARCHAR) || '|' || CAST(b AS VARCHAR) || '|' || CAST(dt AS VARCHAR) || '|' || coalesce(n, 'null') FROM t"));
    }

    [SkippableTheory]
    [InlineData("2024-03-31", -1, "2024-02-29")]
    [InlineData("2025-03-31", -12, "2024-03-31")]
    [InlineData("2024-01-31", 1, "2024-02-29")]
    public void Months_are_added_as_calendar_months(string from, int months, string expected) =>
        Assert.Equal(expected, Engine.Scalar<string>(
            $"SELECT CAST({Engine.Dialect.AddMonths(Engine.Dialect.Date(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture)), months.ToString(System.Globalization.CultureInfo.InvariantCulture))} AS VARCHAR)"));

    [SkippableFact]
    public void Days_and_years_between_are_date_arithmetic()
    {
        var d = Engine.Dialect.Date(new DateOnly(2025, 3, 31));
        Assert.Equal("2024-05-27", Engine.Scalar<string>($"SELECT CAST({Engine.Dialect.AddDays(d, "-308")} AS VARCHAR)"));
        Assert.Equal(64, Engine.Scalar<long>($"SELECT {Engine.Dialect.YearsBetween(Engine.Dialect.Date(new DateOnly(1960, 7, 1)), d)}"));
    }

    [SkippableFact]
    public void Reserved_words_and_quotes_are_usable_as_quoted_identifiers()
    {
        Engine.Execute($"CREATE TABLE t ({Engine.Dialect.Identifier("limit")} VARCHAR, {Engine.Dialect.Identifier("say \"hi\"")} INTEGER)");
        Engine.Execute("INSERT INTO t VALUES ('x', 1)");
        Assert.Equal("x1", Engine.Scalar<string>($"SELECT {Engine.Dialect.Identifier("limit")} || CAST({Engine.Dialect.Identifier("say \"hi\"")} AS VARCHAR) FROM t"));
    }

    [SkippableFact]
    public void Quoting_escapes_single_quotes() =>
        Assert.Equal("O'Brien", Engine.Scalar<string>($"SELECT {Engine.Dialect.Quote("O'Brien")}"));

    [SkippableFact]
    public void Exports_write_csv_and_parquet_on_this_machine()
    {
        var dir = Directory.CreateTempSubdirectory("strata-engine-").FullName;
        try
        {
            Engine.Execute("CREATE TABLE t (k VARCHAR, v INTEGER, m DECIMAL(14,2), d DATE)");
            Engine.Execute("INSERT INTO t VALUES ('a', 1, 1.25, DATE '2025-03-31'), ('b,c', 2, NULL, NULL)");
            var csv = Path.Combine(dir, "t.csv");
            var parquet = Path.Combine(dir, "t.parquet");
            Engine.Export("SELECT * FROM t ORDER BY k", csv, "csv");
            Engine.Export("SELECT * FROM t ORDER BY k", parquet, "parquet");
            Assert.Equal(["k,v,m,d", "a,1,1.25,2025-03-31", "\"b,c\",2,,"], File.ReadAllLines(csv));
            // Read back by DuckDB, whichever engine wrote it: the file is the same for every engine.
            using IEngine reader = DuckDbEngine.InMemory();
            Assert.Equal(["a|1|1.25|2025-03-31", "b,c|2|-|-"], reader.Query(
                $"SELECT k, v, m, d FROM {reader.Dialect.ReadParquet(parquet)} ORDER BY k",
                r => $"{r.GetString(0)}|{r.GetInt32(1)}|{(r.IsDBNull(2) ? "-" : r.GetDecimal(2).ToString(System.Globalization.CultureInfo.InvariantCulture))}|{(r.IsDBNull(3) ? "-" : DateOnly.FromDateTime(r.GetDateTime(3)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))}"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [SkippableFact]
    public void Derived_tables_take_their_declared_shape_whatever_the_query_yields()
    {
        var table = new Strata.Data.Foundation.TableSpec("derived",
            [new("person_id", "VARCHAR"), new("n", "BIGINT", Nullable: true), new("share", "DOUBLE PRECISION", Nullable: true)],
            Strata.Data.Foundation.Placement.ByPerson);
        Engine.CreateTable(new Strata.Data.Foundation.TableSpec("people", [new("person_id", "VARCHAR")], Strata.Data.Foundation.Placement.ByPerson));
        Assert.Equal(2, Engine.CreateTableAs(table, "SELECT 'p' || CAST(i AS VARCHAR), i, CAST(i AS DOUBLE PRECISION) / 4 FROM (VALUES (1), (2)) v(i) WHERE i > $1", 0));
        // Rewriting replaces the rows and keeps the declared types (an integer stays readable as a whole number).
        Assert.Equal(1, Engine.CreateTableAs(table, "SELECT 'p3', 3, 0.75"));
        Assert.Equal(["p3|3|0.75"], Engine.Query("SELECT person_id, n, share FROM derived",
            r => $"{r.GetString(0)}|{r.GetInt64(1)}|{r.GetDouble(2).ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        Assert.Throws<InvalidOperationException>(() => Engine.InTransaction(() =>
        {
            Engine.CreateTableAs(table, "SELECT 'p4', 4, 1.0");
            throw new InvalidOperationException("fail after the rewrite");
        }));
        Assert.Equal("p3", Engine.Scalar<string>("SELECT person_id FROM derived"));
    }

    [SkippableTheory]
    [InlineData("12", "INTEGER", "12")]
    [InlineData("-7", "INTEGER", "-7")]
    [InlineData("abc", "INTEGER", null)]
    [InlineData("2147483648", "INTEGER", null)]
    [InlineData("2024-02-29", "DATE", "2024-02-29")]
    [InlineData("2023-02-29", "DATE", null)]
    [InlineData("2023-13-01", "DATE", null)]
    [InlineData("2023-04-31", "DATE", null)]
    [InlineData("12.5", "DECIMAL(14,2)", "12.50")]
    [InlineData("1234567890123", "DECIMAL(14,2)", null)]
    [InlineData("12,5", "DECIMAL(14,2)", null)]
    public void Try_cast_gives_null_instead_of_failing(string text, string type, string? expected)
    {
        // The importer types every value this way; PostgreSQL has no TRY_CAST of its own (and Citus refuses the
        // per-row subtransaction an exception handler would need), so the dialect must agree with DuckDB's.
        var actual = Engine.Scalar<string?>($"SELECT CAST({Engine.Dialect.TryCast("$1", type)} AS VARCHAR)", text);
        Assert.Equal(expected, actual);
    }

    [SkippableFact]
    public void Integer_division_differs_by_engine_so_stages_cast_explicitly()
    {
        // The trap: 7 / 2 is 3.5 in DuckDB and 3 in PostgreSQL. Stage SQL always casts one side.
        Assert.Equal(Engine.Name == "duckdb" ? 3.5 : 3.0, Engine.Scalar<double>("SELECT 7 / 2"));
        Assert.Equal(3.5, Engine.Scalar<double>("SELECT CAST(7 AS DOUBLE PRECISION) / 2"));
        Assert.Equal(3, Engine.Scalar<long>("SELECT CAST(floor(CAST(7 AS DOUBLE PRECISION) / 2) AS INTEGER)"));
    }

    [SkippableFact]
    public void Sums_and_averages_read_as_the_same_numbers_on_every_engine()
    {
        Engine.Execute("CREATE TABLE t (i INTEGER, m DECIMAL(14,2), d DOUBLE PRECISION)");
        Engine.Execute("INSERT INTO t VALUES (1, 0.10, 0.5), (2, 0.20, 0.25)");
        Assert.Equal(3L, Engine.Scalar<long>("SELECT sum(i) FROM t"));
        Assert.Equal(1.5, Engine.Scalar<double>("SELECT avg(i) FROM t"));
        Assert.Equal(0.30m, Engine.Scalar<decimal>("SELECT sum(m) FROM t"));
        Assert.Equal(0.75, Engine.Scalar<double>("SELECT sum(d) FROM t"));
        Assert.Equal(["3|0.30|1.5"], Engine.Query("SELECT sum(i), sum(m), avg(i) FROM t",
            r => $"{r.GetInt64(0)}|{r.GetDecimal(1).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}|{r.GetDouble(2).ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        Assert.Equal(2.35m, Engine.Scalar<decimal>("SELECT round(CAST(2.345 AS NUMERIC), 2)"));
    }

    [SkippableFact]
    public void A_fractional_value_is_never_read_as_a_whole_number()
    {
        // Npgsql's GetInt64 on numeric 1.5 returns 1 and a conversion would round to 2: both are errors here.
        Assert.Throws<EngineException>(() => Engine.Scalar<long>("SELECT CAST(1.5 AS NUMERIC)"));
        Assert.Throws<EngineException>(() => Engine.Query("SELECT CAST(1.5 AS NUMERIC)", r => r.GetInt64(0)));
        Assert.Equal(2L, Engine.Query("SELECT CAST(2.0 AS NUMERIC)", r => r.GetInt64(0)).Single());
        Assert.Equal(2L, Engine.Scalar<long>("SELECT CAST(2 AS DOUBLE PRECISION)"));
    }

    [SkippableFact]
    public void Engine_errors_are_strata_errors()
    {
        var e = Assert.Throws<EngineException>(() => Engine.Execute("SELECT * FROM no_such_table"));
        Assert.Equal(Engine.Name, e.Engine);
        Assert.Contains("no_such_table", e.Message, StringComparison.Ordinal);
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

/// <summary>The embedded default engine; it also reads files itself (the importer's route on DuckDB).</summary>
public sealed class DuckDbEngineContractTests : EngineContractTests
{
    protected override IEngine CreateEngine() => DuckDbEngine.InMemory();

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
}

/// <summary>A single PostgreSQL server (STRATA_TEST_POSTGRES).</summary>
public sealed class PostgresEngineContractTests : EngineContractTests
{
    protected override IEngine CreateEngine() => TestEngines.Fresh(TestEngines.PostgresVariable);
}

/// <summary>A Citus coordinator with workers (STRATA_TEST_CITUS): person-keyed tables are distributed.</summary>
[Collection(TestEngines.CitusCollection)]
public sealed class CitusEngineContractTests : EngineContractTests
{
    protected override IEngine CreateEngine() => TestEngines.Fresh(TestEngines.CitusVariable);

    [SkippableFact]
    public void Catalogue_placement_decides_distribution()
    {
        Engine.CreateTable(Strata.Data.Foundation.Schema.Table("practices"));
        Engine.CreateTable(Strata.Data.Foundation.Schema.Table("people"));
        Engine.CreateTable(Strata.Data.Foundation.Schema.Table("activity"));
        Engine.CreateTable(Strata.Data.Foundation.Tables.Runs);
        // Hash-distributed and co-located with people, or a reference table (partmethod 'n'); strata_runs stays local.
        Assert.Equal(["activity|h|True", "people|h|True", "practices|n|False"], Engine.Query("""
            SELECT p.logicalrelid::regclass::text, p.partmethod::text,
                   p.colocationid = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'people'::regclass)
            FROM pg_dist_partition p WHERE p.logicalrelid::regclass::text IN ('practices', 'people', 'activity', 'strata_runs') ORDER BY 1
            """, r => $"{r.GetString(0)}|{r.GetString(1)}|{r.GetBoolean(2)}"));
    }
}
