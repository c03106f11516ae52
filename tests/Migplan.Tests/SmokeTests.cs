namespace Migplan.Tests;

public class SmokeTests
{
    [Fact]
    public void Identifier_QuotesReservedWords() => Assert.Equal("\"user\"", new Migplan.Sql.Identifier("user").Quoted);
}
