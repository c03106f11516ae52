using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// What the operations on functions, procedures, views and triggers share: the SQL that drops, checks or defines one
/// again, built from parsed names and types (input text only inside literals or as whole statements as written), and
/// what in the schema uses one (by a textual match of its definition, see <see cref="DefinedObjects"/>).
/// </summary>
internal static class DefinedObjectSql
{
    /// <summary>The kind as a plan's words name it: function, procedure, view, trigger.</summary>
    public static MessageArg KindText(DefinedName target) => Text(target.Kind.ToString().ToLowerInvariant());

    /// <summary>The object as a plan's words name it: <c>public.f(integer)</c>, <c>trg ON public.t</c>, <c>public.v</c>.</summary>
    public static MessageArg NameOf(DefinedName target, string defaultSchema) => Name(target.Kind switch
    {
        DefinitionKind.Trigger => $"{target.Name.Name.Quoted} ON {target.Table!.WithDefaultSchema(defaultSchema).Quoted}",
        DefinitionKind.View => target.Name.WithDefaultSchema(defaultSchema).Quoted,
        _ => target.Name.WithDefaultSchema(defaultSchema).Quoted + (target.IdentityTypes is { } types ? "(" + string.Join(", ", types.Select(t => t.Text)) + ")" : string.Empty),
    });

    /// <summary>DROP of exactly <paramref name="target"/> (a routine by its identity argument types).</summary>
    public static string Drop(DefinedName target) => $"DROP {target.KindWord} {target.DropTarget};\n";

    /// <summary>A boolean SQL expression: the object exists.</summary>
    public static string Exists(DefinedName target) => target.Kind switch
    {
        DefinitionKind.Trigger =>
            $"EXISTS (SELECT FROM pg_catalog.pg_trigger WHERE tgrelid = {SqlText.RegClass(target.Table!)} AND tgname = {SqlText.Literal(target.Name.Name.Value)})",
        DefinitionKind.View => $"pg_catalog.to_regclass({SqlText.Literal(target.Name.Quoted)}) IS NOT NULL",
        _ when target.IdentityTypes is { } types =>
            $"pg_catalog.to_regprocedure({SqlText.Literal(target.Name.Quoted + "(" + string.Join(", ", types.Select(t => t.Text)) + ")")}) IS NOT NULL",
        _ => $"pg_catalog.to_regproc({SqlText.Literal(target.Name.Quoted)}) IS NOT NULL",
    };

    /// <summary>Checks that every one of <paramref name="targets"/> exists (or, unless <paramref name="present"/>, that none does).</summary>
    public static Verification Present(IEnumerable<DefinedName> targets, bool present) =>
        new($"SELECT {string.Join(" AND ", targets.Select(t => present ? Exists(t) : "NOT (" + Exists(t) + ")"))};", "t");

    /// <summary>The schema's definition of <paramref name="previous"/> again, over the object the step replaced.</summary>
    public static string Restore(DefinedObject previous, DefinedName target)
    {
        string replace = previous.AsReplacement!;
        if (target.Kind == DefinitionKind.View)
        {
            // CREATE OR REPLACE VIEW cannot drop the columns the step added (42P16): then drop the view and create it, in one transaction.
            return SqlText.DoBlock("BEGIN\n" +
                $"  EXECUTE {SqlText.Literal(replace)};\n" +
                "EXCEPTION WHEN invalid_table_definition THEN\n" +
                $"  EXECUTE {SqlText.Literal(Drop(target).TrimEnd().TrimEnd(';'))};\n" +
                $"  EXECUTE {SqlText.Literal(previous.Text)};\n" +
                "END\n");
        }

        if (target.Kind == DefinitionKind.Trigger && previous.Created!.ConstraintTrigger)
        {
            // OR REPLACE cannot replace a constraint trigger: drop and create it in one transaction.
            return InOneTransaction([Drop(target), previous.Text]);
        }

        return replace + ";\n";
    }

    /// <summary>The schema's definition of <paramref name="previous"/>, as written there.</summary>
    public static string Recreate(DefinedObject previous) => previous.Text + ";\n";

    /// <summary>Statements run in order in one transaction: one DO block, each statement a literal it EXECUTEs.</summary>
    public static string InOneTransaction(IEnumerable<string> statements) =>
        SqlText.DoBlock("BEGIN\n" + string.Concat(statements.Select(s => $"  EXECUTE {SqlText.Literal(s.TrimEnd().TrimEnd(';'))};\n")) + "END\n");

    /// <summary>What in the schema mentions <paramref name="target"/>'s name (other than itself): views, functions, triggers, policies, rules.</summary>
    public static ImmutableArray<DefinedObject> Users(Catalog catalog, DefinedName target)
    {
        var own = catalog.Objects.Find(target, catalog.DefaultSchema);
        return [.. catalog.Objects.All.Where(o => !ReferenceEquals(o, own) && o.Mentions(target.Name.Name.Value))];
    }

    /// <summary>
    /// ACCESS SHARE, briefly, on every table, materialized view and view of the schema whose name <paramref name="text"/>
    /// mentions as a word: a view's query and a LANGUAGE sql body are analysed when created and lock the relations they
    /// read (measured on PostgreSQL 15; <c>migplan verify</c> found them undeclared). A textual match: a column that shares
    /// a table's name declares that table too, and a lock declared but not taken blocks nothing.
    /// </summary>
    public static ImmutableArray<LockTaken> Reads(Catalog catalog, string text, Sql.QualifiedName? self)
    {
        var words = Ordering.OpaqueNames.WordsOf(text).ToHashSet(StringComparer.Ordinal);
        var tables = catalog.Tables.Where(t => words.Contains(t.Name.Name.Value)).Select(t => t.Name);
        var views = catalog.Objects.All
            .Where(o => o.Kind == DefinedKind.View && o.Created is { } c && words.Contains(c.Target.Name.Name.Value))
            .Select(o => o.Created!.Target.Name.WithDefaultSchema(catalog.DefaultSchema));
        return [.. tables.Concat(views).Where(n => self is null || !n.Equals(self)).Distinct().OrderBy(n => n.Quoted, StringComparer.Ordinal)
            .Select(n => new LockTaken(LockMode.AccessShare, n, Brief: true))];
    }

    /// <summary>The triggers in the schema that execute the function <paramref name="function"/> (by name: any overload).</summary>
    public static ImmutableArray<DefinedObject> TriggersRunning(Catalog catalog, DefinedName function) =>
        [.. catalog.Objects.All.Where(o => o.Kind == DefinedKind.Trigger && (o.Created?.TriggerFunction is { } f
            ? f.WithDefaultSchema(catalog.DefaultSchema).Equals(function.Name.WithDefaultSchema(catalog.DefaultSchema))
            : o.Mentions(function.Name.Name.Value)))];

    /// <summary>The names of <paramref name="objects"/> as one list argument.</summary>
    public static MessageArg Names(IEnumerable<DefinedObject> objects) => Text(string.Join(", ", objects.Select(o => o.Kind.ToString().ToLowerInvariant() + " " + o.Name)));

    /// <summary>A rollback that cannot know the previous definition: the schema does not have the object.</summary>
    public static Rollback Unknown(DefinedName target, string defaultSchema, string? dropIfNew) => dropIfNew is null
        ? new Rollback(Message.Of("by-hand.recreate-unknown-definition", KindText(target), NameOf(target, defaultSchema)), DataLoss.None, Message.Of("rollback.definition-unknown"))
        : new Rollback(Message.Of("by-hand.restore-unknown-definition", KindText(target), NameOf(target, defaultSchema), Code(dropIfNew)), DataLoss.None, Message.Of("rollback.definition-unknown"));
}
