using Migplan.Planning;
using Migplan.Rendering.Messages;

namespace Migplan.Tests.Planning;

/// <summary>A new foreign key whose columns lead no index is warned: deletes on the referenced table would scan the referencing one.</summary>
public sealed class ForeignKeyIndexTests
{
    private const string Schema = """
        CREATE TABLE users (id bigint PRIMARY KEY);
        CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, shop_id bigint);
        CREATE INDEX orders_shop_user_idx ON orders (shop_id, user_id);

        """;

    private static readonly (string, long)[] Stats = [("public.users", 100_000), ("public.orders", 5_000_000)];

    private static Step AddForeignKey(string change) =>
        TestPlanner.Plan(change, Schema, null, Stats).Steps.Single(s => s.Sql.Contains("FOREIGN KEY", StringComparison.Ordinal) && s.Sql.Contains("NOT VALID", StringComparison.Ordinal));

    [Fact]
    public void ForeignKeyWithoutAnIndexOnItsColumns_IsWarnedWithTheIndexToCreate()
    {
        var step = AddForeignKey("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n");

        var warning = Assert.Single(step.Actions, a => a.Id == "action.foreign-key-without-index");
        string text = English.Of(warning);
        Assert.Contains("No index of public.orders leads with user_id", text, StringComparison.Ordinal);
        Assert.Contains("every DELETE of a row of public.users", text, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX CONCURRENTLY ON public.orders (user_id);", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ALTER TABLE orders ADD CONSTRAINT orders_shop_fk FOREIGN KEY (shop_id) REFERENCES users (id);\n")]
    [InlineData("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\nCREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id, id);\n")]
    [InlineData("CREATE INDEX orders_user_idx ON orders (user_id);\nALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n")]
    [InlineData("ALTER TABLE orders ADD CONSTRAINT orders_pair_fk FOREIGN KEY (user_id, shop_id) REFERENCES other_pairs (a, b);\n")]
    public void ForeignKeyWhoseColumnsLeadAnIndex_IsNotWarned(string change)
    {
        string schema = Schema + "CREATE TABLE other_pairs (a bigint, b bigint, PRIMARY KEY (a, b));\n";
        var step = TestPlanner.Plan(change, schema, null, Stats).Steps.Single(s => s.Sql.Contains("FOREIGN KEY", StringComparison.Ordinal) && s.Sql.Contains("NOT VALID", StringComparison.Ordinal));

        Assert.DoesNotContain(step.Actions, a => a.Id == "action.foreign-key-without-index");
    }

    [Fact]
    public void IndexDroppedLaterInTheChange_DoesNotCount()
    {
        var step = AddForeignKey("ALTER TABLE orders ADD CONSTRAINT orders_shop_fk FOREIGN KEY (shop_id) REFERENCES users (id);\nDROP INDEX orders_shop_user_idx;\n");

        Assert.Contains(step.Actions, a => a.Id == "action.foreign-key-without-index");
    }

    [Fact]
    public void InlineReferencesOfAnAddedColumn_IsWarnedToo()
    {
        var step = AddForeignKey("ALTER TABLE orders ADD COLUMN buyer_id bigint REFERENCES users (id);\n");

        Assert.Contains(step.Actions, a => a.Id == "action.foreign-key-without-index");
    }

    [Fact]
    public void NewTableWithAnUnindexedForeignKey_IsWarned_UnlessAKeyOrIndexLeadsWithIt()
    {
        var plan = TestPlanner.Plan("""
            CREATE TABLE order_notes (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id), author_id bigint REFERENCES users (id));
            CREATE TABLE order_tags (order_id bigint REFERENCES orders (id), tag text, PRIMARY KEY (order_id, tag));
            CREATE INDEX order_notes_author_idx ON order_notes (author_id);
            """, Schema, null, Stats);

        var notes = plan.StepWithTitle("Create table order_notes");
        string warning = English.Of(Assert.Single(notes.Actions, a => a.Id == "action.foreign-key-without-index"));
        Assert.Contains("No index of public.order_notes leads with order_id", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.StepWithTitle("Create table order_tags").Actions, a => a.Id == "action.foreign-key-without-index");
    }
}
