using Migplan.Sql;
using static Migplan.Tests.Sql.SqlTest;

namespace Migplan.Tests.Sql;

/// <summary>Type modifiers outside PostgreSQL 15's ranges are errors at the modifier (the server's messages, checked with psql).</summary>
public sealed class TypeModifierTests
{
    private static string Position(Diagnostic d)
    {
        (int line, int column) = d.Location.Source.GetLineColumn(d.Location.Span.Start);
        return $"{line}:{column}";
    }

    [Theory]
    [InlineData("varchar(99999999999999999999)", "99999999999999999999", "length for type varchar cannot exceed 10485760")]
    [InlineData("varchar(0)", "0", "length for type varchar must be at least 1")]
    [InlineData("varchar(10485761)", "10485761", "length for type varchar cannot exceed 10485760")]
    [InlineData("character varying(10485761)", "10485761", "length for type varchar cannot exceed 10485760")]
    [InlineData("char(0)", "0", "length for type char must be at least 1")]
    [InlineData("national character(0)", "0", "length for type char must be at least 1")]
    [InlineData("numeric(0)", "0", "NUMERIC precision 0 must be between 1 and 1000")]
    [InlineData("decimal(1001)", "1001", "NUMERIC precision 1001 must be between 1 and 1000")]
    [InlineData("numeric(5,1001)", "1001", "NUMERIC scale 1001 must be between -1000 and 1000")]
    [InlineData("numeric(5,-1001)", "-1001", "NUMERIC scale -1001 must be between -1000 and 1000")]
    [InlineData("numeric(2147483648)", "2147483648", "value \"2147483648\" is out of range for type integer")]
    [InlineData("bit(0)", "0", "length for type bit must be at least 1")]
    [InlineData("bit varying(83886081)", "83886081", "length for type varbit cannot exceed 83886080")]
    [InlineData("varbit(0)", "0", "length for type varbit must be at least 1")]
    [InlineData("float(54)", "54", "precision for type float must be less than 54 bits")]
    [InlineData("float(0)", "0", "precision for type float must be at least 1 bit")]
    [InlineData("geometry(99999999999)", "99999999999", "value \"99999999999\" is out of range for type integer")]
    public void ModifierOutOfRange_IsAnErrorAtTheModifier(string type, string modifier, string message)
    {
        const string prefix = "ALTER TABLE t ADD COLUMN c ";
        Diagnostic d = Error($"{prefix}{type};");
        Assert.Equal(message, d.Message);
        int column = prefix.Length + type.LastIndexOf(modifier, StringComparison.Ordinal) + 1;
        Assert.Equal("1:" + column.ToString(System.Globalization.CultureInfo.InvariantCulture), Position(d));
    }

    [Theory]
    [InlineData("timestamp(7)", "TIMESTAMP(7) precision exceeds the maximum, 6")]
    [InlineData("time(7) with time zone", "TIME(7) precision exceeds the maximum, 6")]
    [InlineData("interval second(9)", "INTERVAL(9) precision exceeds the maximum, 6")]
    public void TimePrecisionAboveSix_IsRefused_PostgresWouldSilentlyLowerIt(string type, string message) =>
        Assert.StartsWith(message, Error($"CREATE TABLE t (c {type});").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("varchar(1,2)", "varchar takes one modifier, found 2")]
    [InlineData("numeric(1,2,3)", "NUMERIC takes at most two modifiers (precision, scale), found 3")]
    [InlineData("varchar(1.5)", "expected an integer modifier for varchar, found \"1.5\"")]
    [InlineData("varchar('a')", "expected an integer modifier for varchar, found \"'a'\"")]
    public void MalformedModifiers_AreErrors(string type, string message) =>
        Assert.Equal(message, Error($"CREATE TABLE t (c {type});").Message);

    [Theory]
    [InlineData("varchar(10485760)")]
    [InlineData("char(1)")]
    [InlineData("numeric(1000,-1000)")]
    [InlineData("numeric(5,1000)")]
    [InlineData("numeric")]
    [InlineData("bit(83886080)")]
    [InlineData("float(53)")]
    [InlineData("timestamp(0) with time zone")]
    [InlineData("timestamptz(6)")]
    [InlineData("interval(6)")]
    [InlineData("geometry(Point, 4326)")]
    [InlineData("public.varchar(0)")]
    public void ModifiersInRange_AreAccepted(string type) =>
        Assert.Empty(Parse($"CREATE TABLE t (c {type});").Diagnostics);

    [Fact]
    public void ModifierError_InAlterColumnType_PointsAtTheModifier()
    {
        Diagnostic d = Error("ALTER TABLE t\n  ALTER COLUMN c TYPE varchar(0);");
        Assert.Equal("2:31", Position(d));
    }
}
