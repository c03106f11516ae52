using Migplan.Planning;
using Migplan.Rendering;
using Migplan.Rendering.Messages;

namespace Migplan.Tests.Planning;

/// <summary>The pre-migration step's go/no-go checks: which the planner makes, when they are informative or optional, and what they cost.</summary>
public sealed class GoNoGoPlanningTests
{
    private const string Schema = """
        CREATE TABLE products (id bigint PRIMARY KEY, name text);
        CREATE TABLE items (id bigint PRIMARY KEY, product_id bigint, quantity integer, code text, note text);

        """;

    private static readonly (string, long)[] Small = [("public.products", 1_000), ("public.items", 10_000)];

    private static readonly (string, long)[] Large = [("public.products", 120_000), ("public.items", 10_000_000)];

    private static Step PreChecks(string change, params (string, long)[] stats) => TestPlanner.Plan(change, Schema, null, stats).Steps[0];

    [Fact]
    public void SetNotNull_CountsNullsBeforeThePlan_ExpectingZero()
    {
        var check = Assert.Single(PreChecks("ALTER TABLE items ALTER COLUMN note SET NOT NULL;\n", Small).GoNoGo);
        Assert.Equal("SELECT pg_catalog.count(*) FROM public.items WHERE note IS NULL;", check.Check.Sql);
        Assert.Equal(Expectation.Returns("0"), check.Check.Expect);
        Assert.True(check.Blocking);
        Assert.False(check.Optional);
        Assert.Equal("basis.check-full-scan", check.Cost.Basis.Id);
    }

    [Fact]
    public void SetNotNullAfterABackfill_CountsNullsAsInformation_NeverAsAStop()
    {
        var check = Assert.Single(PreChecks("UPDATE items SET note = 'none' WHERE note IS NULL;\nALTER TABLE items ALTER COLUMN note SET NOT NULL;\n", Small).GoNoGo,
            c => c.Check.Label!.Id.StartsWith("check.nulls", StringComparison.Ordinal));
        Assert.False(check.Blocking);
        Assert.Contains("informative", English.Of(check.Check.Label!), StringComparison.Ordinal);
        Assert.Contains("informative", GoNoGoScript.Block(1, check), StringComparison.Ordinal);
        Assert.DoesNotContain("RAISE EXCEPTION", GoNoGoScript.Block(1, check), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ALTER TABLE items RENAME TO things;\nALTER TABLE things ALTER COLUMN note SET NOT NULL;\n")]
    [InlineData("ALTER TABLE items RENAME COLUMN note TO remark;\nALTER TABLE items ALTER COLUMN remark SET NOT NULL;\n")]
    [InlineData("ALTER TABLE items ADD COLUMN extra text;\nALTER TABLE items ALTER COLUMN extra SET NOT NULL;\n")]
    [InlineData("ALTER TABLE items RENAME COLUMN code TO sku;\nCREATE UNIQUE INDEX items_sku_key ON items (sku);\n")]
    [InlineData("ALTER TABLE products RENAME TO goods;\nALTER TABLE items ADD CONSTRAINT items_product_fk FOREIGN KEY (product_id) REFERENCES goods (id);\n")]
    [InlineData("ALTER TABLE items ALTER COLUMN code SET DATA TYPE bigint USING code::bigint;\nALTER TABLE items ADD CONSTRAINT items_code_fk FOREIGN KEY (code) REFERENCES products (id);\n")]
    [InlineData("ALTER TABLE items ALTER COLUMN quantity TYPE text;\nALTER TABLE items ADD CONSTRAINT items_quantity_digits CHECK (quantity ~ '^[0-9]+$');\n")]
    public void WhatTheChangeCreatesRenamesOrRetypesFirst_IsNotCheckedBeforeThePlan(string change)
    {
        Assert.Empty(PreChecks(change, Small).GoNoGo);
    }

    [Fact]
    public void UniqueForeignKeyAndCheck_EachGetTheirCheck_WithTheCostOfWhatTheyRead()
    {
        var checks = PreChecks("""
            CREATE UNIQUE INDEX items_code_key ON items (code);
            ALTER TABLE items ADD CONSTRAINT items_product_fk FOREIGN KEY (product_id) REFERENCES products (id);
            ALTER TABLE items ADD CONSTRAINT items_quantity_positive CHECK (quantity > 0);
            ALTER TABLE products ADD CONSTRAINT products_name_key UNIQUE (name);
            """, Small).GoNoGo;

        Assert.Equal(["basis.check-group-scan", "basis.check-anti-join", "basis.check-full-scan", "basis.check-group-scan"], checks.Select(c => c.Cost.Basis.Id));
        Assert.Equal(Expectation.NoRows, checks[0].Check.Expect);
        Assert.Contains("NOT EXISTS (SELECT 1 FROM public.products r WHERE r.id = c.product_id)", checks[1].Check.Sql, StringComparison.Ordinal);
        Assert.Contains("c.product_id IS NOT NULL", checks[1].Check.Sql, StringComparison.Ordinal);
        Assert.Equal("SELECT pg_catalog.count(*) FROM public.items WHERE NOT (quantity > 0);", checks[2].Check.Sql);
        Assert.Contains("GROUP BY name", checks[3].Check.Sql, StringComparison.Ordinal);
        Assert.All(checks, c => Assert.True(c.Blocking));
    }

    [Fact]
    public void AnAntiJoinOver10MillionRows_IsOptional_AndTheStepEstimateCountsOnlyWhatRunsUnasked()
    {
        var step = PreChecks("""
            ALTER TABLE items ADD CONSTRAINT items_product_fk FOREIGN KEY (product_id) REFERENCES products (id);
            ALTER TABLE items ADD CONSTRAINT items_quantity_positive CHECK (quantity > 0);
            """, Large);

        var foreignKey = step.GoNoGo[0];
        var check = step.GoNoGo[1];
        Assert.True(foreignKey.Optional);
        Assert.Equal(10_000_000 / new ThroughputModel().IndexedAntiJoinRowsPerSecond, foreignKey.Cost.Seconds);
        Assert.False(check.Optional);
        Assert.True(check.Cost.Seconds < GoNoGoCheck.OptionalFromSeconds);
        Assert.Equal(new Estimator(new ThroughputModel()).CatalogQueries(step.Commands.Length) + check.Cost.Seconds, step.Estimate.Seconds, 1);
        Assert.Equal("basis.pre-migration-go-no-go-optional", step.Estimate.Basis.Id);
        Assert.Contains(GoNoGoCheck.RunOptionalSetting, GoNoGoScript.Block(1, foreignKey), StringComparison.Ordinal);
        Assert.DoesNotContain(GoNoGoCheck.RunOptionalSetting, GoNoGoScript.Block(2, check), StringComparison.Ordinal);
    }

    [Fact]
    public void APlanWithoutChecks_IsEstimatedAtItsCatalogReads_NotAFixedFiveMinutes()
    {
        var step = PreChecks("ALTER TABLE items ADD COLUMN extra text;\n", Small);
        Assert.Empty(step.GoNoGo);
        Assert.Equal(new ThroughputModel().MetadataSeconds, step.Estimate.Seconds);
        Assert.Equal("basis.pre-migration-catalog-reads", step.Estimate.Basis.Id);
    }

    [Fact]
    public void GoNoGoChecks_SurvivePlanJson_AndTheScriptRendersThemFromIt()
    {
        var plan = TestPlanner.Plan("""
            ALTER TABLE items ALTER COLUMN note SET NOT NULL;
            ALTER TABLE items ADD CONSTRAINT items_product_fk FOREIGN KEY (product_id) REFERENCES products (id);
            """, Schema, null, Large);
        var read = PlanJsonReader.Read(new MemoryStream(PlanJsonWriter.ToBytes(plan, English.Instance)), English.Instance);

        Assert.Equal(plan.Steps[0].GoNoGo, read.Steps[0].GoNoGo);
        Assert.Equal(SqlScripts.Forward(plan.Steps[0]), SqlScripts.Forward(read.Steps[0]));
    }

    [Theory]
    [InlineData("SELECT pg_catalog.count(*) FROM t WHERE false; -- no WHERE: every row is reached", "SELECT pg_catalog.count(*) FROM t WHERE false")]
    [InlineData("SELECT a, pg_catalog.count(*) FROM t GROUP BY a HAVING pg_catalog.count(*) > 1 LIMIT 10;\n", "SELECT a, pg_catalog.count(*) FROM t GROUP BY a HAVING pg_catalog.count(*) > 1 LIMIT 10")]
    [InlineData("SELECT pg_catalog.count(*) FROM t WHERE NOT (note <> 'a; -- b')", "SELECT pg_catalog.count(*) FROM t WHERE NOT (note <> 'a; -- b')")]
    public void AChecksQuery_LosesOnlyItsFinalSemicolonAndTrailingComment_AsASubquery(string sql, string subquery)
    {
        Assert.Equal(subquery, GoNoGoScript.Subquery(sql));
    }
}
