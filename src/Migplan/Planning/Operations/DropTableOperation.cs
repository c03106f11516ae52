using System.Collections.Immutable;
using System.Globalization;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning.Operations;

/// <summary>A foreign key of a table that points at another table.</summary>
public sealed record OutgoingForeignKey(Identifier Name, QualifiedName Referenced, string? Definition);

/// <summary>
/// DROP TABLE in Cleanup: destructive, behind explicit prerequisites. Its foreign keys are dropped first,
/// one brief step each, so the DROP itself locks only the table (a DROP of a table with foreign keys takes
/// ACCESS EXCLUSIVE on every referenced table too). Its rollback says plainly that data comes back only
/// from a backup, and the step offers a copy to keep first.
/// </summary>
public sealed class DropTableOperation(SourceLocation origin, TableFacts table, bool cascade, ImmutableArray<string> dependents, ImmutableArray<OutgoingForeignKey> foreignKeys)
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

        var dependents = table.Indexes.Select(i => "index " + i.Name.Name.Value)
            .Concat(catalog.ReferencingForeignKeys(table).Select(r => $"foreign key {r.Constraint.Name?.Value} of {r.Table.Name.Quoted}"))
            .ToImmutableArray();
        var foreignKeys = table.Constraints
            .Where(c => c.Kind == ConstraintKind.ForeignKey && c.Name is not null && c.ReferencedTable is not null && c.ReferencedTable.Key != table.Name.Key)
            .Select(c => new OutgoingForeignKey(c.Name!, c.ReferencedTable!, c.Definition))
            .ToImmutableArray();
        return new DropTableOperation(s.Location, scope.Facts(table), s.Cascade, dependents, foreignKeys);
    }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var t = table.Name;
        foreach (var fk in foreignKeys)
        {
            const string ReaddText = "Re-adds the foreign key NOT VALID and validates it (a scan that lets writes continue).";
            var readd = fk.Definition is null
                ? new Rollback($"-- Re-add {SqlText.OneLine(fk.Name.Value)} with its original definition (see the schema dump), NOT VALID, then VALIDATE CONSTRAINT.\n", DataLoss.None, ReaddText)
                : new Rollback(ReaddForeignKey(t, fk), DataLoss.None, ReaddText);
            yield return new StepDraft(Phase.Cleanup, $"drop_foreign_key.{fk.Name.Value}", $"Drop foreign key {fk.Name.Value} of {t.Name.Value}",
                $"ALTER TABLE IF EXISTS {t.Quoted} DROP CONSTRAINT IF EXISTS {fk.Name.Quoted};\n", true,
                [new LockTaken(LockMode.AccessExclusive, t, Brief: true), new LockTaken(LockMode.AccessExclusive, fk.Referenced, Brief: true)],
                $"ACCESS EXCLUSIVE on {t.Quoted} and on the referenced {fk.Referenced.Quoted} for milliseconds once granted: reads and writes of both wait while it waits (at most lock_timeout). Done on its own so that the DROP TABLE after it locks only {t.Quoted}.",
                TimeoutPolicy.Brief,
                readd with { Timeouts = TimeoutPolicy.LongScan },
                PlanSql.ConstraintCount(t, fk.Name, 0), context.Estimator.Metadata(), RiskLevel.Medium,
                $"Brief lock on {fk.Referenced.Quoted}, often a hot table.",
                [$"Drop {fk.Name.Value} first, so that dropping {t.Name.Value} does not lock {fk.Referenced.Quoted}."])
            {
                Group = StepGroup.Destructive,
            };
        }

        var copy = PlanSql.MakeName(t.Name.Value, null, "migplan_copy");
        var copyName = new QualifiedName(t.Schema, copy);
        var actions = ImmutableArray.CreateBuilder<Message>();
        actions.Add($"Confirm the application no longer reads or writes {t.Quoted}: pg_stat_statements or the application's logs (scan counters also grow from foreign-key checks, so they are not proof).");
        actions.Add($"Take a logical backup of it right before: pg_dump -Fc -t {t.Quoted} (point-in-time recovery cannot restore one table in place).");
        actions.Add($"Optional: keep a copy with its indexes first ({Planning.Estimator.Size(table.Bytes)} of disk): CREATE TABLE {copyName.Quoted} (LIKE {t.Quoted} INCLUDING ALL); INSERT INTO {copyName.Quoted} SELECT * FROM {t.Quoted};");
        if (dependents.Length > 0)
        {
            actions.Add($"Also dropped{(cascade ? " (CASCADE)" : string.Empty)}: {string.Join(", ", dependents)}.");
        }

        actions.Add($"Drop {t.Quoted}.");
        yield return new StepDraft(Phase.Cleanup, $"drop_table.{t.Name.Value}", $"Drop table {t.Name.Value}",
            $"DROP TABLE IF EXISTS {t.Quoted}{(cascade ? " CASCADE" : string.Empty)};\n", true, [new LockTaken(LockMode.AccessExclusive, t, Brief: true)],
            $"ACCESS EXCLUSIVE on {t.Quoted} for milliseconds once granted." + (foreignKeys.Length > 0 ? " Its foreign keys were dropped in the steps before, so no other table is locked." : string.Empty),
            TimeoutPolicy.Brief,
            new Rollback(
                $"-- {SqlText.OneLine(t.Quoted)} and its {table.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows come back only from a backup, for example:\n" +
                $"--   pg_restore --dbname=... --table={SqlText.OneLine(t.Name.Value)} --schema={SqlText.OneLine(t.Schema?.Value ?? "public")} backup.dump\n" +
                $"-- or, if the copy was kept: ALTER TABLE {SqlText.OneLine(copyName.Quoted)} RENAME TO {SqlText.OneLine(t.Name.Quoted)};\n",
                DataLoss.RestoreFromBackup, $"Data comes back only from a backup (or from the copy {copy.Value}, if it was kept before the drop)."),
            PlanSql.RelationAbsent(t), context.Estimator.Metadata(), RiskLevel.High,
            $"Destructive: {table.Rows:N0} rows are gone for good unless restored from a backup.",
            actions.ToImmutable())
        {
            Destructive = true,
            Group = StepGroup.Destructive,
        };
    }

    /// <summary>
    /// Re-adds the foreign key NOT VALID and validates it; does nothing (and says so) while the table itself
    /// is gone, since rollbacks run in reverse order and the table comes back only from a backup.
    /// </summary>
    private static ImmutableArray<Command> ReaddForeignKey(QualifiedName table, OutgoingForeignKey fk)
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
