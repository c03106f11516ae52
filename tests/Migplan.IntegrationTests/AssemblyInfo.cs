using Migplan.IntegrationTests.Support;

[assembly: AssemblyFixture(typeof(PgServer))]
