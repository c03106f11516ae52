using System.Collections.Immutable;
using System.Globalization;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>A foreign key of a table that points at another table.</summary>
public sealed record OutgoingForeignKey(Identifier Name, QualifiedName Referenced, string? Definition);

/// <summary>A foreign key of another table (<paramref name="Table"/>) that points at a dropped one, with its definition.</summary>
public sealed record ReferencingForeignKey(QualifiedName Table, Identifier Name, string Definition);

/// <summary>
/// DROP TABLE in Cleanup: destructive, behind explicit prerequisites. Its foreign keys are dropped first,
/// one brief step each, so the DROP itself locks only the table (a DROP of a table with foreign keys takes
/// ACCESS EXCLUSIVE on every referenced table too). Its rollback says plainly that data comes back only
/// from a backup, and the step offers a copy to keep first.
/// </summary>
public sealed class DropTableOperation(SourceLocation origin, TableFacts table, bool cascade, ImmutableArray<Message> dependents, ImmutableArray<OutgoingForeignKey> foreignKeys)
    : Operation(origin)
{
    /// <summary>The drop of table <paramref name="n"/> of the statement: nothing for a missing table unless IF EXISTS, as written for a table the change creates.</summary>
    internal static Operation? For(PlanningScope scope, DropTableStatement s, QualifiedName n)
    {
        var catalog = scope.Catalog;
        var table = catalog.FindTable(n);
        if (table is null)
        {
            return s.IfExists ? new DropAbsentTableOperation(s, catalog.Resolve(n)) : null;
        }

        if (table.CreatedInChange)
        {
            return new DropNewTableOperation(s, table.Name);
        }

        var dependents = table.Indexes.Select(i => Message.Of("dependent.index", Name(i.Name.Name.Value)))
            .Concat(catalog.ReferencingForeignKeys(table).Select(r => Message.Of("dependent.referencing-foreign-key", Name(r.Constraint.Name?.Value ?? string.Empty), Name(r.Table.Name))))
            .ToImmutableArray();
        var foreignKeys = table.Constraints
            .Where(c => c.Kind == ConstraintKind.ForeignKey && c.Name is not null && c.ReferencedTable is not null && c.ReferencedTable.Key != table.Name.Key)
            .Select(c => new OutgoingForeignKey(c.Name!, c.ReferencedTable!, c.Definition))
            .ToImmutableArray();
        var referencing = catalog.ReferencingForeignKeys(table)
            .Where(r => r.Table != table && r.Constraint is { Name: not null, Definition: not null })
            .Select(r => new ReferencingForeignKey(r.Table.Name, r.Constraint.Name!, r.Constraint.Definition!))
            .ToImmutableArray();
        return new DropTableOperation(s.Location, scope.Facts(table), s.Cascade, dependents, foreignKeys) { Referencing = referencing };
    }

    /// <summary>Foreign keys of other tables that reference this one (CASCADE drops them): the restore re-adds them.</summary>
    public ImmutableArray<ReferencingForeignKey> Referencing { get; init; } = [];

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var t = table.Name;
        foreach (var fk in foreignKeys)
        {
            var readdText = Message.Of("rollback.readd-foreign-key");
            var readd = fk.Definition is null
                ? new Rollback(Message.Of("by-hand.readd-foreign-key", Name(fk.Name.Value)), DataLoss.None, readdText)
                : new Rollback(ReaddForeignKey(t, fk), DataLoss.None, readdText);
            yield return new StepDraft(Phase.Cleanup, $"drop_foreign_key.{fk.Name.Value}", Message.Of("title.drop-foreign-key", Name(fk.Name.Value), Name(t.Name.Value)),
                $"ALTER TABLE IF EXISTS {t.Quoted} DROP CONSTRAINT IF EXISTS {fk.Name.Quoted};\n", true,
                [new LockTaken(LockMode.AccessExclusive, t, Brief: true), new LockTaken(LockMode.AccessExclusive, fk.Referenced, Brief: true)],
                Message.Of("impact.drop-foreign-key-before-table", Name(t), Name(fk.Referenced)),
                TimeoutPolicy.Brief,
                readd with { Timeouts = TimeoutPolicy.LongScan },
                PlanSql.ConstraintCount(t, fk.Name, 0), context.Estimator.Metadata(), RiskLevel.Medium,
                Message.Of("risk.brief-lock-on-hot-table", Name(fk.Referenced)),
                [Message.Of("action.drop-foreign-key-first", Name(fk.Name.Value), Name(t.Name.Value), Name(fk.Referenced))])
            {
                Group = StepGroup.Destructive,
                RollbackAfterRenames = fk.Definition is not { } definition ? null
                    : renames =>
                    {
                        var (t2, d2, r2) = RollbackRenames.ForeignKey(t, definition, fk.Referenced, renames);
                        return new Rollback(ReaddForeignKey(t2, fk with { Referenced = r2, Definition = d2 }), DataLoss.None, readdText) { Timeouts = TimeoutPolicy.LongScan };
                    },
            };
        }

        var copy = PlanSql.MakeName(t.Name.Value, null, "migplan_copy");
        var copyName = new QualifiedName(t.Schema, copy);
        var actions = ImmutableArray.CreateBuilder<Message>();
        actions.Add(Message.Of("action.confirm-table-unused", Name(t)));
        string dumpFile = t.Name.Value + ".dump";
        actions.Add(Message.Of("action.logical-backup-of-table", Code($"pg_dump -Fc --table={t.Quoted} --file={dumpFile} DBNAME")));
        actions.Add(Message.Of("action.keep-table-copy", Bytes(table.Bytes), Code($"CREATE TABLE {copyName.Quoted} (LIKE {t.Quoted} INCLUDING ALL); INSERT INTO {copyName.Quoted} SELECT * FROM {t.Quoted};")));
        if (dependents.Length > 0)
        {
            actions.Add(Message.Of(cascade ? "action.also-dropped-cascade" : "action.also-dropped", MessageArg.List(dependents)));
        }

        actions.Add(Message.Of("action.drop-table", Name(t)));
        yield return new StepDraft(Phase.Cleanup, $"drop_table.{t.Name.Value}", Message.Of("title.drop-table", Name(t.Name.Value)),
            $"DROP TABLE IF EXISTS {t.Quoted}{(cascade ? " CASCADE" : string.Empty)};\n", true, [new LockTaken(LockMode.AccessExclusive, t, Brief: true)],
            Message.Of(foreignKeys.Length > 0 ? "impact.drop-table-after-foreign-keys" : "impact.drop-table", Name(t)),
            TimeoutPolicy.Brief,
            new Rollback(RestoreByHand(t, copyName, dumpFile), DataLoss.RestoreFromBackup, Message.Of("rollback.restore-from-backup-or-copy", Name(copy.Value))),
            PlanSql.RelationAbsent(t), context.Estimator.Metadata(), RiskLevel.High,
            Message.Of("risk.drop-table", Count(table.Rows)),
            actions.ToImmutable())
        {
            Destructive = true,
            Group = StepGroup.Destructive,
        };
    }

    /// <summary>
    /// How to bring the table back whole: the whole per-table archive (table, rows, primary key, indexes, its own
    /// constraints and triggers, its owned sequences; <c>pg_restore --table</c> would restore only the table and its rows),
    /// then the foreign keys of other tables that referenced it, NOT VALID and validated.
    /// </summary>
    private Message RestoreByHand(QualifiedName t, QualifiedName copyName, string dumpFile)
    {
        var args = new List<MessageArg> { Name(t), Count(table.Rows), Code($"pg_restore --dbname=DBNAME --single-transaction --exit-on-error {dumpFile}"), Name(copyName), Name(t.Name.Quoted) };
        if (Referencing.IsEmpty)
        {
            return Message.Of("by-hand.restore-dropped-table", [.. args]);
        }

        var readds = Referencing.Select(r => Message.Of("by-hand.readd-referencing-foreign-key", Name(r.Table), Name(r.Name.Quoted), Code(r.Definition)));
        return Message.Of("by-hand.restore-dropped-table-and-references", [.. args, MessageArg.List(readds)]);
    }

    /// <summary>
    /// Re-adds the foreign key NOT VALID and validates it; does nothing (and says so) while the table itself
    /// is gone, since rollbacks run in reverse order and the table comes back only from a backup.
    /// </summary>
    internal static ImmutableArray<Command> ReaddForeignKey(QualifiedName table, OutgoingForeignKey fk)
    {
        string reg = $"pg_catalog.to_regclass({SqlText.Literal(table.Quoted)})";
        string body =
            "BEGIN\n" +
            $"  IF {reg} IS NULL THEN\n" +
            $"    RAISE NOTICE '% does not exist (it comes back only from the backup): foreign key % not re-added', {SqlText.Literal(table.Quoted)}, {SqlText.Literal(fk.Name.Value)};\n" +
            $"  ELSIF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = {reg}::oid AND conname = {SqlText.Literal(fk.Name.Value)}) THEN\n" +
            $"    ALTER TABLE {table.Quoted} ADD CONSTRAINT {fk.Name.Quoted} {fk.Definition} NOT VALID;\n" +
            "  END IF;\n" +
            "END\n";
        return [new Command(SqlText.DoBlock(body)), new Command($"ALTER TABLE IF EXISTS {table.Quoted} VALIDATE CONSTRAINT {fk.Name.Quoted};\n")];
    }
}
