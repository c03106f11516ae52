using Migplan.Planning;
using Migplan.Rendering;
using Migplan.Rendering.Messages;

namespace Migplan.Tests.Planning;

/// <summary>Rollbacks say what they really do: the names live when they run, their loss class, and when they stop.</summary>
public sealed class TruthfulRollbackTests
{
    private const string Schema = """
        CREATE TABLE authors (id bigint PRIMARY KEY);
        CREATE TABLE notes (id bigint PRIMARY KEY, note text, author bigint, "Tag" text);
        ALTER TABLE notes ADD CONSTRAINT notes_author_fkey FOREIGN KEY (author) REFERENCES authors (id) ON DELETE CASCADE;
        CREATE INDEX notes_note_idx ON notes (note DESC) INCLUDE ("Tag");
        CREATE INDEX notes_expr_idx ON notes (lower(note), ("Tag" || 'note')) WHERE note <> 'note';
        CREATE TYPE mood AS ENUM ('a', 'b');

        """;

    [Fact]
    public void DropIndexRollback_AfterARename_RebuildsTheIndexOnTheNewName()
    {
        var plan = TestPlanner.Plan("""
            ALTER TABLE notes RENAME COLUMN note TO body;
            ALTER TABLE notes RENAME COLUMN "Tag" TO label;
            DROP INDEX notes_note_idx;
            DROP INDEX notes_expr_idx;

            """, Schema);

        Assert.Contains("ON public.notes (body DESC) INCLUDE (label);", plan.StepWithTitle("Drop index notes_note_idx").Rollback.Sql, StringComparison.Ordinal);
        // Only the column: the literal 'note' and the function name stay as written.
        Assert.Contains("ON public.notes (lower(body), (label || 'note')) WHERE body <> 'note';", plan.StepWithTitle("Drop index notes_expr_idx").Rollback.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void DropForeignKeyRollback_AfterRenames_ReaddsItOnTheNewNames()
    {
        var plan = TestPlanner.Plan("""
            ALTER TABLE notes RENAME COLUMN author TO author_id;
            ALTER TABLE authors RENAME COLUMN id TO key;
            ALTER TABLE authors RENAME TO writers;
            ALTER TABLE notes DROP CONSTRAINT notes_author_fkey;

            """, Schema);

        var rollback = plan.StepWithTitle("Drop constraint notes_author_fkey").Rollback;
        Assert.Contains("ADD CONSTRAINT notes_author_fkey FOREIGN KEY (author_id) REFERENCES public.writers (key) ON DELETE CASCADE NOT VALID;", rollback.Sql, StringComparison.Ordinal);
        Assert.Null(rollback.ByHand);
    }

    [Fact]
    public void DropForeignKeyRollback_RunAfterLaterWrittenRenamesOfTheReferencedTable_UsesTheirNames()
    {
        var plan = TestPlanner.Plan("""
            ALTER TABLE notes DROP CONSTRAINT notes_author_fkey;
            ALTER TABLE authors RENAME COLUMN id TO key;
            ALTER TABLE authors RENAME TO writers;

            """, Schema);

        var steps = plan.Steps.Select(s => s.TitleText()).ToList();
        Assert.True(steps.FindIndex(t => t.StartsWith("Rename", StringComparison.Ordinal)) < steps.FindIndex(t => t.StartsWith("Drop constraint", StringComparison.Ordinal)));
        Assert.Contains("FOREIGN KEY (author) REFERENCES public.writers (key) ON DELETE CASCADE NOT VALID;", plan.StepWithTitle("Drop constraint notes_author_fkey").Rollback.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void AddColumnRollback_LosesOnlyWhatWasWrittenToTheNewColumn()
    {
        var plan = TestPlanner.Plan("ALTER TABLE notes ADD COLUMN extra text;\n", Schema, null, ("public.notes", 1000));

        Assert.Equal(DataLoss.NewObjectsOnly, plan.StepWithTitle("Add column").Rollback.Loss);
        Assert.Equal("new_objects_only", PlanIds.DataLoss(DataLoss.NewObjectsOnly));
        Assert.Contains("Data loss: only what was written to objects this plan created.", SqlScripts.Rollback(plan.StepWithTitle("Add column")), StringComparison.Ordinal);
    }

    [Fact]
    public void EnumRenameValue_IsAnalysed_AndRenamedBackWithoutLoss()
    {
        var plan = TestPlanner.Plan("ALTER TYPE mood RENAME VALUE 'a' TO 'z';\n", Schema);

        var step = plan.StepWithTitle("Rename value a of type mood to z");
        Assert.True(step.Analysed);
        Assert.Empty(step.Locks);
        Assert.Equal(DataLoss.None, step.Rollback.Loss);
        Assert.Equal("ALTER TYPE public.mood RENAME VALUE 'z' TO 'a';\n", step.Rollback.Sql);
        Assert.Equal("brief-lock", step.Timeouts!.Policy);
    }

    [Fact]
    public void TypeChangeWithUsing_RollbackSaysTheConvertedValuesStay()
    {
        var plan = TestPlanner.Plan("ALTER TABLE notes ALTER COLUMN note TYPE varchar(40) USING upper(note);\n", Schema, null, ("public.notes", 1000));

        var rollback = plan.StepWithTitle("Change type of notes.note").Rollback;
        Assert.Equal(DataLoss.ExistingData, rollback.Loss);
        Assert.Contains("USING expression converted are not converted back", English.Of(rollback.Description), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DROP TABLE notes;\n", "Drop table", DataLoss.RestoreFromBackup)]
    [InlineData("ALTER TABLE notes DROP COLUMN note;\n", "Drop column", DataLoss.RestoreFromBackup)]
    [InlineData("ALTER TYPE mood ADD VALUE 'c';\n", "Add value", DataLoss.None)]
    [InlineData("GRANT SELECT ON ALL TABLES IN SCHEMA public TO PUBLIC;\n", "Not analysed", DataLoss.Unknown)]
    public void RollbacksThatCannotUndo_StopUnlessTheLossIsAccepted(string change, string title, DataLoss loss)
    {
        var step = TestPlanner.Plan(change, Schema).StepWithTitle(title);
        string script = SqlScripts.Rollback(step);

        Assert.Equal(loss, step.Rollback.Loss);
        Assert.True(step.Rollback.StopsUnlessAccepted);
        Assert.Contains("pg_catalog.current_setting('migplan.accept_data_loss', true)", script, StringComparison.Ordinal);
        Assert.Contains("RAISE EXCEPTION", script, StringComparison.Ordinal);
    }

    [Fact]
    public void RollbacksThatUndo_DoNotStop()
    {
        var step = TestPlanner.Plan("ALTER TABLE notes RENAME COLUMN note TO body;\n", Schema).StepWithTitle("Rename");

        Assert.False(step.Rollback.StopsUnlessAccepted);
        Assert.DoesNotContain("migplan.accept_data_loss", SqlScripts.Rollback(step), StringComparison.Ordinal);
    }

    [Fact]
    public void DropTableRollback_RestoresTheWholeArchive_AndReaddsReferencingForeignKeys()
    {
        var step = TestPlanner.Plan("DROP TABLE authors CASCADE;\n", Schema).StepWithTitle("Drop table");
        string byHand = English.Of(step.Rollback.ByHand!);

        Assert.Contains("pg_restore --dbname=DBNAME --single-transaction --exit-on-error authors.dump", byHand, StringComparison.Ordinal);
        Assert.DoesNotContain("--table=", byHand.Split('\n')[1], StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE public.notes ADD CONSTRAINT notes_author_fkey FOREIGN KEY (author) REFERENCES authors (id) ON DELETE CASCADE NOT VALID;", byHand, StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE public.notes VALIDATE CONSTRAINT notes_author_fkey;", byHand, StringComparison.Ordinal);
    }

    [Fact]
    public void EnumAddValueRollback_SaysTheValueStays_AndHowToRemoveItByHand()
    {
        var step = TestPlanner.Plan("ALTER TYPE mood ADD VALUE 'c';\n", Schema).StepWithTitle("Add value");
        string byHand = English.Of(step.Rollback.ByHand!);

        Assert.Empty(step.Rollback.Commands);
        Assert.Contains("cannot drop an enum value", byHand, StringComparison.Ordinal);
        Assert.Contains("'c' stays in public.mood", byHand, StringComparison.Ordinal);
        Assert.Contains("CREATE TYPE public.mood_new AS ENUM", byHand, StringComparison.Ordinal);
    }

    [Fact]
    public void SerialToIdentity_DropsTheDefaultInsideTheIdentityStep_AndTheRollbackRestoresIt()
    {
        var plan = TestPlanner.Plan("""
            ALTER TABLE events ALTER COLUMN id DROP DEFAULT;
            ALTER TABLE events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;

            """, "CREATE TABLE events (id bigserial PRIMARY KEY, name text);\n");

        Assert.DoesNotContain(plan.Steps, s => s.TitleText().StartsWith("Drop default", StringComparison.Ordinal));
        var step = plan.StepWithTitle("Make events.id an identity column");
        var command = Assert.Single(step.Commands);
        Assert.Contains("DROP DEFAULT;", command.Sql, StringComparison.Ordinal);
        Assert.Contains("ADD GENERATED ALWAYS AS IDENTITY;", command.Sql, StringComparison.Ordinal);
        Assert.Contains("RESTART WITH", command.Sql, StringComparison.Ordinal);
        Assert.Contains("CREATE SEQUENCE IF NOT EXISTS public.events_id_seq AS bigint OWNED BY public.events.id;", step.Rollback.Sql, StringComparison.Ordinal);
        Assert.Contains("SET DEFAULT nextval('public.events_id_seq'::regclass);", step.Rollback.Sql, StringComparison.Ordinal);
        Assert.Contains(plan.Notes, n => n.Text.Id == "note.drop-default-in-identity-step");
    }

    [Fact]
    public void AddIdentity_KeepsItsOptionsInTheirParentheses()
    {
        var step = TestPlanner.Plan("ALTER TABLE events ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (START WITH 10);\n", "CREATE TABLE events (id integer PRIMARY KEY);\n")
            .StepWithTitle("Make events.id an identity column");

        Assert.Contains("ADD GENERATED BY DEFAULT AS IDENTITY (START WITH 10);", step.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void DropDefaultOfASerial_OnItsOwn_RollsBackToItsSequence()
    {
        var step = TestPlanner.Plan("ALTER TABLE events ALTER COLUMN id DROP DEFAULT;\n", "CREATE TABLE events (id serial PRIMARY KEY);\n").StepWithTitle("Drop default");

        Assert.Equal("ALTER TABLE public.events ALTER COLUMN id SET DEFAULT nextval('public.events_id_seq'::regclass);\n", step.Rollback.Sql);
    }
}
