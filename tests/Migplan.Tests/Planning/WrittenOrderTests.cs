using Migplan.Planning;
using Migplan.Rendering.Messages;

namespace Migplan.Tests.Planning;

/// <summary>Reordering never changes meaning: a statement moves only when nothing written after it depends on where it was.</summary>
public sealed class WrittenOrderTests
{
    private const string Schema = """
        CREATE TYPE mood AS ENUM ('sad', 'happy');
        CREATE TABLE users (
            id bigint PRIMARY KEY,
            code text NOT NULL UNIQUE,
            name text NOT NULL,
            nickname text,
            fax text,
            feeling mood
        );
        CREATE INDEX users_name_idx ON users (name);
        CREATE INDEX users_lower_name_idx ON users (lower(name));
        CREATE TABLE orders (
            id bigint PRIMARY KEY,
            user_code text CONSTRAINT orders_user_code_fkey REFERENCES users (code),
            note text,
            CONSTRAINT orders_note_check CHECK (note <> '')
        );
        CREATE TABLE legacy (id bigint PRIMARY KEY);

        """;

    private static readonly (string, long)[] Stats = [("public.users", 1_000_000), ("public.orders", 2_000_000), ("public.legacy", 1_000)];

    private static Plan Plan(string change) => TestPlanner.Plan(change, Schema, null, Stats);

    private static int Number(Plan plan, string titleStart) => plan.StepWithTitle(titleStart).Number;

    private static List<string> Notes(Plan plan) => [.. plan.Notes.Select(n => n.Origin + " " + English.Of(n.Text))];

    [Fact]
    public void DropIndex_ThenCreateIndexOfTheSameName_KeepsTheDropFirst_AndSaysWhy()
    {
        var plan = Plan("""
            DROP INDEX users_name_idx;
            CREATE INDEX users_name_idx ON users (lower(name));

            """);

        Assert.True(Number(plan, "Drop index users_name_idx") < Number(plan, "Create index users_name_idx"));
        Assert.Equal(Phase.SchemaChanges, plan.StepWithTitle("Drop index users_name_idx").Phase);
        Assert.Contains(Notes(plan), n => n.StartsWith("change.sql:1:1 Kept where it is written: the statement at change.sql:2:1 takes the name public.users_name_idx", StringComparison.Ordinal));
    }

    [Fact]
    public void DropTable_ThenCreateTableOfTheSameName_KeepsTheDropFirst()
    {
        var plan = Plan("""
            DROP TABLE legacy;
            CREATE TABLE legacy (id bigint PRIMARY KEY, body text);

            """);

        Assert.True(Number(plan, "Drop table legacy") < Number(plan, "Create table legacy"));
        Assert.Contains(Notes(plan), n => n.Contains("takes the name public.legacy", StringComparison.Ordinal));
    }

    [Fact]
    public void DropColumn_ThenAddColumnOfTheSameName_KeepsTheDropFirst()
    {
        var plan = Plan("""
            ALTER TABLE users DROP COLUMN fax;
            ALTER TABLE users ADD COLUMN fax bigint;

            """);

        Assert.True(Number(plan, "Drop column users.fax") < Number(plan, "Add column users.fax"));
    }

    [Fact]
    public void DropConstraint_ThenAColumnConstraintOfTheSameName_KeepsTheDropFirst()
    {
        var plan = Plan("""
            ALTER TABLE orders DROP CONSTRAINT orders_note_check;
            ALTER TABLE orders ADD COLUMN memo text CONSTRAINT orders_note_check CHECK (memo <> '');

            """);

        var drop = plan.StepWithTitle("Drop constraint orders_note_check");
        Assert.All(plan.Steps.Where(s => s.Sql.Contains("ADD CONSTRAINT orders_note_check", StringComparison.Ordinal) || s.Sql.Contains("CONSTRAINT orders_note_check CHECK", StringComparison.Ordinal)),
            s => Assert.True(drop.Number < s.Number, $"step {s.Number} adds orders_note_check before step {drop.Number} drops the old one"));
    }

    [Fact]
    public void DropColumn_ThenDropTypeItUses_KeepsTheColumnDropFirst()
    {
        var plan = Plan("""
            ALTER TABLE users DROP COLUMN feeling;
            DROP TYPE mood;

            """);

        var drop = plan.StepWithTitle("Drop column users.feeling");
        var type = Assert.Single(plan.Steps, s => s.Sql.Contains("DROP TYPE mood", StringComparison.Ordinal));
        Assert.True(drop.Number < type.Number);
        Assert.Contains(Notes(plan), n => n.Contains("depends on public.mood", StringComparison.Ordinal));
    }

    [Fact]
    public void DropForeignKey_ThenATypeChangeItWouldBlock_KeepsTheDropFirst()
    {
        var plan = Plan("""
            ALTER TABLE orders DROP CONSTRAINT orders_user_code_fkey;
            ALTER TABLE users ALTER COLUMN code TYPE bigint USING code::bigint;

            """);

        var drop = plan.StepWithTitle("Drop constraint orders_user_code_fkey");
        var alter = Assert.Single(plan.Steps, s => s.Sql.Contains("TYPE bigint", StringComparison.Ordinal));
        Assert.True(drop.Number < alter.Number);
    }

    [Fact]
    public void DropIndex_ThenATypeChangeOnItsTable_KeepsTheDropFirst()
    {
        var plan = Plan("""
            DROP INDEX users_name_idx;
            ALTER TABLE users ALTER COLUMN name TYPE varchar(40);

            """);

        Assert.True(Number(plan, "Drop index users_name_idx") < Assert.Single(plan.Steps, s => s.Sql.Contains("varchar(40)", StringComparison.Ordinal)).Number);
    }

    [Fact]
    public void DropColumn_ThenRenameOntoItsName_KeepsTheDropFirst()
    {
        var plan = Plan("""
            ALTER TABLE users DROP COLUMN fax;
            ALTER TABLE users RENAME COLUMN nickname TO fax;

            """);

        Assert.True(Number(plan, "Drop column users.fax") < Number(plan, "Rename users.nickname"));
    }

    [Fact]
    public void DropTable_ThenRenameAnotherTableOntoItsName_KeepsTheDropFirst()
    {
        var plan = Plan("""
            DROP TABLE legacy;
            ALTER TABLE orders RENAME TO legacy;

            """);

        Assert.True(Number(plan, "Drop table legacy") < Number(plan, "Rename table orders"));
    }

    [Fact]
    public void DropIndex_ThenRenameAnotherIndexOntoItsName_KeepsTheDropFirst()
    {
        var plan = Plan("""
            DROP INDEX users_name_idx;
            ALTER INDEX users_lower_name_idx RENAME TO users_name_idx;

            """);

        Assert.True(Number(plan, "Drop index users_name_idx") < Assert.Single(plan.Steps, s => s.Sql.Contains("RENAME TO users_name_idx", StringComparison.Ordinal)).Number);
    }

    [Fact]
    public void RenameTable_ThenCreateTableWithTheOldName_DropsTheCompatibilityViewFirst()
    {
        var plan = Plan("""
            ALTER TABLE legacy RENAME TO legacy_old;
            CREATE TABLE legacy (id bigint PRIMARY KEY);

            """);

        Assert.True(Number(plan, "Drop compatibility view legacy") < Number(plan, "Create table legacy"));
    }

    [Fact]
    public void RenameColumn_HeldBehindABackfill_IsNotOvertakenByAViewThatUsesTheNewName()
    {
        var plan = Plan("""
            UPDATE users SET nickname = name WHERE nickname IS NULL;
            ALTER TABLE users RENAME COLUMN nickname TO handle;
            CREATE VIEW handles AS SELECT id, handle FROM users;

            """);

        var rename = plan.StepWithTitle("Rename users.nickname");
        var view = Assert.Single(plan.Steps, s => s.Sql.Contains("CREATE VIEW handles", StringComparison.Ordinal));
        Assert.True(rename.Number < view.Number);
        Assert.Contains(Notes(plan), n => n.StartsWith("change.sql:3:1 Reordered: this statement runs in 2. Data Migration", StringComparison.Ordinal));
    }

    [Fact]
    public void Truncate_ThenInsert_KeepsTheTruncateFirst()
    {
        var plan = Plan("""
            TRUNCATE legacy;
            INSERT INTO legacy VALUES (1);

            """);

        Assert.True(Number(plan, "Truncate legacy") < Number(plan, "Insert into legacy"));
    }

    [Fact]
    public void DropOfAnUnrelatedColumn_StillMovesToCleanup_WithoutANote()
    {
        var plan = Plan("""
            ALTER TABLE users DROP COLUMN fax;
            ALTER TABLE users ADD COLUMN phone text;
            CREATE INDEX users_phone_idx ON users (phone);

            """);

        var drop = plan.StepWithTitle("Drop column users.fax");
        Assert.Equal(Phase.Cleanup, drop.Phase);
        Assert.True(drop.Number > Number(plan, "Create index users_phone_idx"));
        Assert.DoesNotContain(Notes(plan), n => n.Contains("Kept where it is written", StringComparison.Ordinal));
    }

    [Fact]
    public void DropColumn_ThenADropIndexOnTheSameTable_KeepTheirCleanupGroups_WithoutANote()
    {
        var plan = Plan("""
            ALTER TABLE users DROP COLUMN fax;
            DROP INDEX users_name_idx;

            """);

        var column = plan.StepWithTitle("Drop column users.fax");
        var index = plan.StepWithTitle("Drop index users_name_idx");
        Assert.Equal(Phase.Cleanup, column.Phase);
        Assert.True(index.Number < column.Number, "destructive steps still come last in Cleanup");
        Assert.Empty(Notes(plan));
    }

    [Fact]
    public void DropIndex_ThenAnUnrelatedIndex_StillMovesToCleanup()
    {
        var plan = Plan("""
            DROP INDEX users_name_idx;
            CREATE INDEX orders_note_idx ON orders (note);

            """);

        Assert.Equal(Phase.Cleanup, plan.StepWithTitle("Drop index users_name_idx").Phase);
    }

    [Fact]
    public void DropColumn_ThenAViewReadingItsTable_KeepsTheDropFirst()
    {
        // SELECT * takes the columns there are when the view is created; with the drop moved after it, the drop fails.
        var plan = Plan("""
            ALTER TABLE users DROP COLUMN fax;
            CREATE VIEW everyone AS SELECT * FROM users;

            """);

        var view = Assert.Single(plan.Steps, s => s.Sql.Contains("CREATE VIEW everyone", StringComparison.Ordinal));
        Assert.True(Number(plan, "Drop column users.fax") < view.Number);
        Assert.Contains(Notes(plan), n => n.StartsWith("change.sql:1:19 Kept where it is written: the statement at change.sql:2:1 depends on public.users", StringComparison.Ordinal));
    }

    [Fact]
    public void DropColumn_ThenACommentOnItsTable_StillMovesToCleanup()
    {
        var plan = Plan("""
            ALTER TABLE users DROP COLUMN fax;
            COMMENT ON TABLE users IS 'People who sign in';

            """);

        Assert.Equal(Phase.Cleanup, plan.StepWithTitle("Drop column users.fax").Phase);
    }

    [Fact]
    public void DropIndex_ThenACommentOnANewIndexOfItsName_KeepsTheDropFirst()
    {
        var plan = Plan("""
            DROP INDEX users_name_idx;
            CREATE INDEX users_name_idx ON users (name, id);
            COMMENT ON INDEX users_name_idx IS 'name, then id';

            """);

        int drop = Number(plan, "Drop index users_name_idx");
        Assert.True(drop < Number(plan, "Create index users_name_idx"));
        Assert.True(drop < Assert.Single(plan.Steps, s => s.Sql.Contains("COMMENT ON INDEX", StringComparison.Ordinal)).Number);
    }

    [Fact]
    public void DropTable_WrittenAfterAnUpdateOfIt_ThenCreateTableOfItsName_RunsAfterTheUpdate()
    {
        // The drop cannot move ahead of the DELETE written before it: the CREATE waits instead, and says so.
        var plan = Plan("""
            DELETE FROM legacy WHERE id > 10;
            DROP TABLE legacy;
            CREATE TABLE legacy (id bigint PRIMARY KEY);

            """);

        int delete = Number(plan, "Delete from legacy");
        int drop = Number(plan, "Drop table legacy");
        int create = Number(plan, "Create table legacy");
        Assert.True(delete < drop && drop < create, $"delete {delete}, drop {drop}, create {create}");
        Assert.Contains(Notes(plan), n => n.StartsWith("change.sql:3:1 Reordered: this statement runs in 2. Data Migration, after the statement at change.sql:2:1", StringComparison.Ordinal));
    }

    [Fact]
    public void RenameConstraint_WrittenAfterItIsAdded_RunsAfterTheAdd()
    {
        // ADD CONSTRAINT runs in Cleanup (NOT VALID, then validated); a constraint rename is a barrier on its table.
        var plan = Plan("""
            ALTER TABLE orders ADD CONSTRAINT orders_note_short CHECK (length(note) < 100);
            ALTER TABLE orders RENAME CONSTRAINT orders_note_short TO orders_note_length;

            """);

        var rename = plan.StepWithTitle("Rename constraint orders_note_short");
        Assert.All(plan.Steps.Where(s => s.Sql.Contains("orders_note_short", StringComparison.Ordinal) && s != rename),
            s => Assert.True(s.Number < rename.Number, $"step {s.Number} ({s.TitleText()}) runs after the rename"));
    }

    [Fact]
    public void RenameColumn_AfterAnUnrelatedDrop_StaysInSchemaChanges_AndLaterBackfillsStayInDataMigration()
    {
        var plan = Plan("""
            ALTER TABLE users DROP COLUMN fax;
            ALTER TABLE users RENAME COLUMN nickname TO handle;
            ALTER TABLE users ADD COLUMN score integer;
            UPDATE users SET score = length(handle);

            """);

        Assert.Equal(Phase.SchemaChanges, plan.StepWithTitle("Rename users.nickname").Phase);
        Assert.Equal(Phase.DataMigration, plan.StepWithTitle("Backfill users.score").Phase);
        Assert.Equal(Phase.Cleanup, plan.StepWithTitle("Drop column users.fax").Phase);
    }

    [Fact]
    public void SetNotNull_ThenRenameOfThatColumn_KeepsTheNotNullStepsBeforeTheRename()
    {
        var plan = Plan("""
            ALTER TABLE users ALTER COLUMN nickname SET NOT NULL;
            ALTER TABLE users RENAME COLUMN nickname TO handle;

            """);

        var rename = plan.StepWithTitle("Rename users.nickname");
        Assert.All(plan.Steps.Where(s => s.Sql.Contains("nickname", StringComparison.Ordinal) && s != rename && s.Number > 1),
            s => Assert.True(s.Number < rename.Number, $"step {s.Number} ({s.TitleText()}) uses nickname after the rename"));
    }

    [Fact]
    public void ForeignKeyToATable_ThenRenameOfThatTable_AddsTheKeyFirst()
    {
        var plan = Plan("""
            ALTER TABLE legacy ADD COLUMN user_id bigint;
            ALTER TABLE legacy ADD CONSTRAINT legacy_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
            ALTER TABLE users RENAME TO people;

            """);

        var rename = plan.StepWithTitle("Rename table users");
        Assert.All(plan.Steps.Where(s => s.Sql.Contains("legacy_user_id_fkey", StringComparison.Ordinal)),
            s => Assert.True(s.Number < rename.Number, $"step {s.Number} ({s.TitleText()}) runs after users is renamed"));
    }

    [Theory]
    [InlineData("DROP TRIGGER users_touch ON users", "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()", "TRIGGER users_touch")]
    [InlineData("DROP VIEW user_names", "CREATE VIEW user_names AS SELECT id, name FROM users", "VIEW public.user_names")]
    [InlineData("DROP FUNCTION touch()", "CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$", "FUNCTION public.touch")]
    public void DropAndCreateOfOneObject_AreOneStep_InOneTransaction(string drop, string create, string what)
    {
        var plan = Plan($"{drop};\n{create};\n");

        var step = Assert.Single(plan.Steps, s => s.Sql.Contains(drop, StringComparison.Ordinal));
        Assert.Contains(create.Replace("'", "''", StringComparison.Ordinal), step.Sql, StringComparison.Ordinal);
        Assert.True(step.Sql.IndexOf(drop, StringComparison.Ordinal) < step.Sql.IndexOf(create[..20], StringComparison.Ordinal));
        Assert.Single(step.Commands);
        Assert.StartsWith("DO ", step.Sql, StringComparison.Ordinal);
        Assert.True(step.Transactional);
        Assert.Equal($"Replace {what} in one transaction", step.TitleText());
        Assert.True(step.Analysed);
        Assert.Contains(Notes(plan), n => n.StartsWith($"change.sql:1:1 {what} is dropped and created again", StringComparison.Ordinal));
    }

    [Fact]
    public void UnanalysedDropAndCreateOfOneObject_AreOneStep_NotAnalysed()
    {
        var plan = Plan("DROP POLICY own_rows ON users;\nCREATE POLICY own_rows ON users USING (true);\n");

        var step = Assert.Single(plan.Steps, s => s.Sql.Contains("DROP POLICY", StringComparison.Ordinal));
        Assert.StartsWith("DO ", step.Sql, StringComparison.Ordinal);
        Assert.Equal("Not analysed: replace POLICY own_rows in one transaction, review by hand", step.TitleText());
        Assert.False(step.Analysed);
        Assert.Equal(DataLoss.Unknown, step.Rollback.Loss);
    }

    [Fact]
    public void UnanalysedDropAndCreateOfDifferentObjects_StayTwoSteps()
    {
        var plan = Plan("""
            DROP VIEW a_view;
            CREATE VIEW b_view AS SELECT 1 AS one;

            """);

        var steps = plan.Steps.Where(s => !s.Id.EndsWith("pre_migration_checks", StringComparison.Ordinal)).ToList();
        Assert.Single(steps, s => s.Sql.Contains("a_view", StringComparison.Ordinal) && !s.Sql.Contains("b_view", StringComparison.Ordinal));
        Assert.Single(steps, s => s.Sql.Contains("b_view", StringComparison.Ordinal) && !s.Sql.Contains("a_view", StringComparison.Ordinal));
    }

    [Fact]
    public void ForeignKey_ThenItsColumnsTypeChange_IsNotHeldInPlace()
    {
        // PostgreSQL keeps a NOT VALID foreign key NOT VALID through ALTER COLUMN TYPE, and checks the new values when
        // it is validated: the validation may run after the type change, where the plan puts validations.
        var plan = Plan("""
            ALTER TABLE orders ADD COLUMN legacy_id integer;
            ALTER TABLE orders ADD CONSTRAINT orders_legacy_id_fkey FOREIGN KEY (legacy_id) REFERENCES legacy (id);
            ALTER TABLE orders ALTER COLUMN legacy_id TYPE bigint;

            """);

        Assert.DoesNotContain(Notes(plan), n => n.Contains("Kept where it is written", StringComparison.Ordinal));
        Assert.True(Number(plan, "Add constraint orders_legacy_id_fkey NOT VALID") < Number(plan, "Validate orders_legacy_id_fkey"));
    }

    [Fact]
    public void ForeignKey_ThenItsColumnDropped_KeepsTheValidationBeforeTheDrop()
    {
        var plan = Plan("""
            ALTER TABLE orders ADD COLUMN legacy_id bigint;
            ALTER TABLE orders ADD CONSTRAINT orders_legacy_id_fkey FOREIGN KEY (legacy_id) REFERENCES legacy (id);
            ALTER TABLE orders DROP COLUMN legacy_id;

            """);

        Assert.True(Number(plan, "Validate orders_legacy_id_fkey") < Number(plan, "Drop column orders.legacy_id"));
    }
}
